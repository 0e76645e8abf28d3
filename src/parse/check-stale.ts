import type { LoadedBrief } from '../load/load-brief.js';

/**
 * `stale_after: N` (front matter, or `staleAfter` in the config, which wins): a warning for each
 * stat the brief uses whose `as_of` is more than N years before the brief's date. A year means
 * its last day (a 2021 figure is as of 31 December 2021); `YYYY-MM` the month's last day. A
 * stat's own `stale_after` in stats.yaml wins over both (`false`: it does not age). Off unless
 * the brief or the config sets it.
 */
export function warnStaleStats(brief: LoadedBrief, configured: number | undefined): void {
  const general = configured ?? brief.meta.stale_after;
  if (general === undefined) return;
  const date = Date.parse(brief.meta.date);
  const used = new Set(brief.markdown.data.usedStats);
  for (const [id, stat] of Object.entries(brief.data.stats)) {
    if (!used.has(id) && !stat.featured) continue;
    // A stat's own `stale_after` wins: `false` for a figure that does not age.
    const years = stat.stale_after ?? general;
    if (years === false) continue;
    const asOf = stat.as_of === undefined ? undefined : asOfTime(stat.as_of);
    if (asOf === undefined) continue;
    const limit = new Date(asOf);
    limit.setUTCMonth(limit.getUTCMonth() + Math.round(years * 12));
    if (date <= limit.getTime()) continue;
    brief.statsFile.message(
      `Stat \`${id}\` is as of ${stat.as_of}, more than ${years} year(s) before the brief's date ` +
        `(${brief.meta.date}): look for a newer figure, or raise stale_after`,
      {
        place: brief.statPlaces.get(`stats.${id}`),
        ruleId: 'stale-stat',
        source: 'briefkit',
      },
    );
  }
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
