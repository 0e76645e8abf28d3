/**
 * What `::chart` may ask for and what parse hands the model for each one: the contract between
 * parse (which validates the directive) and model (which turns it into a Chart), kept below both
 * so that neither imports the other.
 */
export const chartTypes = ['bar', 'column', 'line', 'stacked-bar'] as const;
export type ChartType = (typeof chartTypes)[number];

/** What `::chart` asked for; the model turns it into a Chart, the renderers draw it. */
export interface ChartRequest {
  seriesId: string;
  type: ChartType;
  title: string;
  line: number;
  column: number;
}

/**
 * Some of a bar chart's categories, drawn on the whole chart's scale: a chart with more bars
 * than its room holds goes on in parts (the brief's figure breaks between them, the deck gives
 * each its own slide).
 */
export interface ChartPart {
  categories: readonly string[];
  first: boolean;
  last: boolean;
}

/** `items` in as few runs of at most `most` as can be, as even as can be. */
export function evenParts<T>(items: readonly T[], most: number): T[][] {
  const count = Math.max(1, Math.ceil(items.length / Math.max(1, most)));
  const each = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, at) => items.slice(at * each, (at + 1) * each));
}

/** The parts of `categories` in runs of at most `most`, flagged first and last. */
export const chartParts = (categories: readonly string[], most: number): ChartPart[] =>
  evenParts(categories, most).map((run, at, all) => ({
    categories: run,
    first: at === 0,
    last: at === all.length - 1,
  }));

declare module 'vfile' {
  interface DataMap {
    /** Every `::chart` of the Markdown file, in reading order (src/parse/remark-charts.ts). */
    charts: ChartRequest[];
  }
}
