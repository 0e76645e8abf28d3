import type { Paper } from './config/define.js';

/**
 * The paper sizes briefs and handouts print on: their names (front matter, config, `--paper`),
 * the CSS `@page size` keyword, the width a preview shows, and their size in PDF points (the
 * handout's geometry). Everything about paper is read from here.
 */
export const papers = ['letter', 'a4'] as const satisfies readonly Paper[];
export type { Paper };

export const defaultPaper: Paper = 'letter';

export interface PaperSize {
  /** The `@page { size: … }` keyword. */
  css: string;
  /** The page's width as CSS, for a screen preview of a printed page. */
  cssWidth: string;
  /** Size in PDF points (1/72 in). */
  width: number;
  height: number;
}

export const paperSizes: Readonly<Record<Paper, PaperSize>> = {
  letter: { css: 'letter', cssWidth: '8.5in', width: 612, height: 792 },
  a4: { css: 'a4', cssWidth: '210mm', width: 595.28, height: 841.89 },
};

export const isPaper = (value: unknown): value is Paper =>
  (papers as readonly unknown[]).includes(value);
