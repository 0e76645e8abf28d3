import type { LoadedBrief } from '../load/load-brief.js';
import type { ChartRequest } from '../chart-request.js';
import type { Chart, ChartRow, ChartType } from './brief.js';
import { formatFigure } from '../format.js';

const typeNames: Record<ChartType, string> = {
  bar: 'Bar chart',
  column: 'Column chart',
  line: 'Line chart',
  'stacked-bar': 'Stacked bar chart',
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
    sourceText: source ? `${source.publisher}, ${source.title}.` : '',
    line: request.line,
    column: request.column,
  };
}

/**
 * The chart's text alternative, from its data: what it is, what it compares, and its extremes,
 * so a screen-reader user gets the point without the picture.
 */
export function describe(
  type: ChartType,
  title: string,
  rows: readonly ChartRow[],
  lang: string,
): string {
  if (rows.length === 0) return `${typeNames[type]}: ${title}. No data.`;
  const list = new Intl.ListFormat(lang.startsWith('en') ? lang : 'en', { type: 'conjunction' });
  const categories = [...new Set(rows.map((row) => row.category))];
  const groups = [...new Set(rows.flatMap((row) => (row.group ? [row.group] : [])))];
  const compared =
    categories.length <= 5
      ? `Compares ${list.format(categories)}`
      : `Compares ${categories.length} values, from ${categories[0]} to ${categories.at(-1)}`;
  const across = groups.length > 0 ? ` across ${list.format(groups)}` : '';
  const name = (row: ChartRow) => (row.group ? `${row.group}, ${row.category}` : row.category);
  const sorted = [...rows].sort((a, b) => b.value - a.value);
  const highest = sorted[0] as ChartRow;
  const lowest = sorted.at(-1) as ChartRow;
  return `${typeNames[type]}: ${title}. ${compared}${across}. Highest: ${name(highest)}, ${highest.text}; lowest: ${name(lowest)}, ${lowest.text}.`;
}
