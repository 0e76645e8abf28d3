/**
 * What parse finds in a slide document and the model reads (src/parse/slide-breaks.ts writes
 * it into `file.data.slideBreaks`).
 */
export interface SlideBreaks {
  /** Lines (1-based) of the `---` that end one slide and start the next. */
  lines: number[];
  /** Line of the first line after the front matter: where the first slide starts. */
  start: number;
  /** Slidev's per-slide front matter (`layout: center`), by the line of its separator. */
  matter: Map<number, Record<string, unknown>>;
  /** HTML comments, taken out of the text: speaker notes or Marp directives. */
  comments: { line: number; column: number; text: string }[];
}

declare module 'vfile' {
  interface DataMap {
    slideBreaks: SlideBreaks;
  }
}
