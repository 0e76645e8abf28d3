import type { LoadedBrief } from '../load/load-brief.js';
import type { ChartRequest } from '../chart-request.js';
import type { Chart, ChartRow, ChartType } from './brief.js';
import { formatFigure, sourceCredit } from '../format.js';
import { fillLabel, labelsFor, type Labels } from '../labels.js';

const typeNames: Record<ChartType, keyof Labels> = {
  bar: 'barChart',
  column: 'columnChart',
  line: 'lineChart',
  'stacked-bar': 'stackedBarChart',
};

/** A chart request plus its series' values, formatted for the brief's language. */
export function buildChart(
  request: ChartRequest,
  index: number,
  loaded: LoadedBrief,
  sourceNumber: number,
): Chart {
  const series = loaded.data.series[request.seriesId];
  const points = loaded.seriesData.get(request.seriesId) ?? [];
  if (!series) throw new Error(`series ${request.seriesId} was not validated`);
  const source = loaded.data.sources[series.source];
  const rows: ChartRow[] = points.map((point) => ({
    category: point.category,
    group: point.group,
    value: point.value,
    text: formatFigure({ ...series, value: point.value }, loaded.meta.lang),
  }));
  return {
    index,
    seriesId: request.seriesId,
    type: request.type,
    title: request.title,
    alt: describe(request.type, request.title, rows, loaded.meta.lang),
    rows,
    valueFormat: {
      format: series.format,
      currency: series.currency,
      unit: series.unit,
      digits: series.digits,
    },
    sourceNumber,
    sourceText: source ? sourceCredit(source) : '',
    line: request.line,
    column: request.column,
  };
}

/**
 * The chart's text alternative, from its data: what it is, what it compares, and its extremes,
 * so a screen-reader user gets the point without the picture. In the brief's language: the
 * words are its labels', the lists its own ("A, B, and C", "A, B y C").
 */
export function describe(
  type: ChartType,
  title: string,
  rows: readonly ChartRow[],
  lang: string,
): string {
  const labels = labelsFor(lang);
  const kind = labels[typeNames[type]];
  if (rows.length === 0) return `${kind}: ${title}. ${labels.chartNoData}`;
  const list = new Intl.ListFormat(lang, { type: 'conjunction' });
  const categories = [...new Set(rows.map((row) => row.category))];
  const groups = [...new Set(rows.flatMap((row) => (row.group ? [row.group] : [])))];
  const compared =
    categories.length <= 5
      ? fillLabel(labels.chartCompares, { list: list.format(categories) })
      : fillLabel(labels.chartComparesMany, {
          count: categories.length,
          first: categories[0] ?? '',
          last: categories.at(-1) ?? '',
        });
  const across =
    groups.length > 0 ? fillLabel(labels.chartAcross, { list: list.format(groups) }) : '';
  const name = (row: ChartRow) => (row.group ? `${row.group}, ${row.category}` : row.category);
  const sorted = [...rows].sort((a, b) => b.value - a.value);
  const highest = sorted[0] as ChartRow;
  const lowest = sorted.at(-1) as ChartRow;
  const extremes = fillLabel(labels.chartExtremes, {
    highest: name(highest),
    highestValue: highest.text,
    lowest: name(lowest),
    lowestValue: lowest.text,
  });
  return `${kind}: ${title}. ${compared}${across}. ${extremes}`;
}
