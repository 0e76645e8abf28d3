import type { LoadedBrief } from '../load/load-brief.js';
import { formatFigure } from '../format.js';

/** What a place in the brief does with a figure. */
export type UseKind = 'stat' | 'key-figure' | 'key-figures-panel' | 'chart' | 'spark' | 'cite';

export interface LedgerUse {
  kind: UseKind;
  /** The file as messages name it (relative to where briefkit runs). */
  file: string;
  line: number;
  column: number;
  /** For a spark: the stat it is drawn beside. */
  stat?: string;
}

/**
 * One sourced figure of a brief, as a fact-checker traces it: a stat, a series (its values as
 * the charts print them) or a source cited with `:cite` for a dated fact (no value).
 */
export interface LedgerEntry {
  kind: 'stat' | 'series' | 'cite';
  id: string;
  label: string;
  /** As the brief prints it, in its language; a series' values as `category: value; …`. */
  value: string;
  asOf: string;
  source: string;
  publisher: string;
  title: string;
  url: string;
  accessed: string;
  /** stats.yaml's `note`: how a figure was read or derived (a share of two sources' numbers). */
  note: string;
  used: LedgerUse[];
}

export interface Ledger {
  brief: string;
  file: string;
  entries: LedgerEntry[];
}

/**
 * The ledger of a parsed brief: every stat and series of its stats.yaml, in that file's order,
 * then every source `:cite` names, each with every place it is used, in reading order. Unused
 * stats are listed too (with no places): the file holds them, so a checker sees them.
 */
export function collectLedger(loaded: LoadedBrief): Ledger {
  const { data, markdown, statsFile } = loaded;
  const lang = loaded.meta.lang;
  const at = (
    file: string,
    kind: UseKind,
    place: { line: number; column: number } | undefined,
  ): LedgerUse[] => (place ? [{ kind, file, line: place.line, column: place.column }] : []);
  const sourceOf = (id: string) => {
    const source = data.sources[id];
    return {
      source: id,
      publisher: source?.publisher ?? '',
      title: source?.title ?? '',
      url: source?.url ?? '',
      accessed: source?.accessed ?? '',
    };
  };
  const markdownPath = markdown.path;
  const statsPath = statsFile.path;

  const entries: LedgerEntry[] = [];
  for (const [id, stat] of Object.entries(data.stats)) {
    const used = (markdown.data.statUses ?? [])
      .filter((use) => use.id === id)
      .map((use): LedgerUse => ({
        kind: use.kind === 'key-figure' ? 'key-figure' : 'stat',
        file: markdownPath,
        line: use.line,
        column: use.column,
      }));
    if (stat.featured)
      used.push(...at(statsPath, 'key-figures-panel', loaded.statPlaces.get(`stats.${id}`)));
    entries.push({
      kind: 'stat',
      id,
      label: stat.label,
      value: formatFigure(stat, lang),
      asOf: stat.as_of ?? '',
      ...sourceOf(stat.source),
      note: stat.note ?? '',
      used,
    });
  }
  for (const [id, series] of Object.entries(data.series)) {
    const used: LedgerUse[] = (markdown.data.charts ?? [])
      .filter((chart) => chart.seriesId === id)
      .map((chart) => ({
        kind: 'chart',
        file: markdownPath,
        line: chart.line,
        column: chart.column,
      }));
    // A stat with `series:` draws it small beside its number, where the stat is featured or
    // shown as a key figure.
    for (const [statId, stat] of Object.entries(data.stats)) {
      if (stat.series !== id) continue;
      const shown =
        stat.featured ||
        (markdown.data.statUses ?? []).some(
          (use) => use.id === statId && use.kind === 'key-figure',
        );
      const place = loaded.statPlaces.get(`stats.${statId}`);
      if (shown && place) used.push({ kind: 'spark', file: statsPath, ...place, stat: statId });
    }
    const points = loaded.seriesData.get(id) ?? [];
    entries.push({
      kind: 'series',
      id,
      label: series.label,
      value: points
        .map((point) => {
          const name = point.group ? `${point.group}, ${point.category}` : point.category;
          return `${name}: ${formatFigure({ ...series, value: point.value }, lang)}`;
        })
        .join('; '),
      asOf: series.as_of ?? '',
      ...sourceOf(series.source),
      note: series.note ?? '',
      used,
    });
  }
  const cites = markdown.data.citeUses ?? [];
  for (const id of Object.keys(data.sources)) {
    const used = cites
      .filter((use) => use.id === id)
      .map((use): LedgerUse => ({
        kind: 'cite',
        file: markdownPath,
        line: use.line,
        column: use.column,
      }));
    if (used.length === 0) continue;
    entries.push({
      kind: 'cite',
      id,
      label: data.sources[id]?.title ?? '',
      value: '',
      asOf: '',
      ...sourceOf(id),
      note: '',
      used,
    });
  }
  return { brief: loaded.id, file: markdownPath, entries };
}
