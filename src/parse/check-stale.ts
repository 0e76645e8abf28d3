import type { LoadedBrief } from '../load/load-brief.js';

/**
 * `stale_after: N` (front matter, or `staleAfter` in the config, which wins): a warning for each
 * stat the brief uses, and each series it charts, whose `as_of` is more than N years before the
 * brief's date. A year means its last day (a 2021 figure is as of 31 December 2021); `YYYY-MM`
 * the month's last day. A stat's or series' own `stale_after` in stats.yaml wins over both
 * (`false`: it does not age). Off unless the brief or the config sets it.
 */
export function warnStaleStats(brief: LoadedBrief, configured: number | undefined): void {
  const general = configured ?? brief.meta.stale_after;
  if (general === undefined) return;
  const date = Date.parse(brief.meta.date);
  const usedStats = new Set(brief.markdown.data.usedStats);
  // A chart prints a series, and so does a shown stat's small chart beside its number.
  const usedSeries = new Set(brief.markdown.data.usedSeries);
  const entries: [kind: 'Stat' | 'Series', key: string, id: string, figure: Dated][] = [];
  for (const [id, stat] of Object.entries(brief.data.stats)) {
    if (!usedStats.has(id) && !stat.featured) continue;
    if (stat.series) usedSeries.add(stat.series);
    entries.push(['Stat', `stats.${id}`, id, stat]);
  }
  for (const [id, series] of Object.entries(brief.data.series))
    if (usedSeries.has(id)) entries.push(['Series', `series.${id}`, id, series]);

  for (const [kind, key, id, figure] of entries) {
    // Its own `stale_after` wins: `false` for a figure that does not age.
    const years = figure.stale_after ?? general;
    if (years === false) continue;
    const asOf = figure.as_of === undefined ? undefined : asOfTime(figure.as_of);
    if (asOf === undefined) continue;
    const limit = new Date(asOf);
    limit.setUTCMonth(limit.getUTCMonth() + Math.round(years * 12));
    if (date <= limit.getTime()) continue;
    brief.statsFile.message(
      `${kind} \`${id}\` is as of ${figure.as_of}, more than ${years} year(s) before the brief's ` +
        `date (${brief.meta.date}): look for a newer figure, or raise stale_after`,
      { place: brief.statPlaces.get(key), ruleId: 'stale-stat', source: 'briefkit' },
    );
  }
}

/** What staleness reads of a stat or a series. */
interface Dated {
  as_of?: string | undefined;
  stale_after?: number | false | undefined;
}

/** The last moment an `as_of` covers, or undefined when it names no year. */
function asOfTime(asOf: string): number | undefined {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (full) return Date.UTC(Number(full[1]), Number(full[2]) - 1, Number(full[3]));
  const month = /^(\d{4})-(\d{2})$/.exec(asOf);
  if (month) return Date.UTC(Number(month[1]), Number(month[2]), 0);
  const year = /(\d{4})/.exec(asOf);
  return year ? Date.UTC(Number(year[1]), 11, 31) : undefined;
}
