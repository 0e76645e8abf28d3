import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { Brief } from '../../model/brief.js';
import { slideType } from '../../slide-size.js';
import { fontStylesheets } from '../choose-fonts.js';
import type { FormulaPicture } from '../../office-parts.js';

export type { FormulaPicture } from '../../office-parts.js';

/**
 * Draws the formulas of a sheet (formulaSheet's page: the elements `[data-formula="i"]`, in
 * order). The build hands this in; it is the browser's work, outside the renderer.
 */
export type DrawFormulas = (html: string, count: number) => Promise<FormulaPicture[]>;

/**
 * A page of the deck's displayed formulas, as KaTeX typeset them, at the deck's body size and
 * ink with KaTeX's stylesheet and fonts: PowerPoint has no formula KaTeX's HTML could become, so
 * each is pictured from here. Each sits in its own box, shrink-wrapped with a little room for
 * glyphs that reach past KaTeX's boxes.
 */
export function formulaSheet(brief: Brief, formulas: readonly Element[], ink: string): string {
  const links = fontStylesheets(brief)
    .map((href) => `<link rel="stylesheet" href="${href}">`)
    .join('');
  const boxes = formulas
    .map((katex, index) => `<div><span data-formula="${index}">${toHtml(katex)}</span></div>`)
    .join('');
  return [
    `<!doctype html><html lang="${brief.meta.lang}"><head><meta charset="utf-8">${links}<style>`,
    `body{margin:0;padding:8px;font:${slideType.body}pt/1.35 'Source Sans 3',sans-serif;color:#${ink};background:transparent}`,
    '[data-formula]{display:inline-block;padding:3px;white-space:nowrap}',
    `</style></head><body>${boxes}</body></html>`,
  ].join('');
}
