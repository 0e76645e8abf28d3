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

declare module 'vfile' {
  interface DataMap {
    /** Every `::chart` of the Markdown file, in reading order (src/parse/remark-charts.ts). */
    charts: ChartRequest[];
  }
}
