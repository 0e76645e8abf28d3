import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Brief } from '../model/brief.js';
import { templatesDir, version } from '../paths.js';
import { labelsFor } from '../labels.js';
import { chartDrawing } from './charts.js';
import { briefParts } from './parts.js';
import { fontStylesheets } from './choose-fonts.js';
import { withExtras, type RenderExtras, type Templates } from './templates.js';

/** The fonts the brief needs (from packages), then briefkit's own sheets. */
export const stylesheets = (brief: Brief, ...names: string[]): string[] => [
  ...fontStylesheets(brief),
  ...names.map((name) => pathToFileURL(join(templatesDir, name)).href),
];

/**
 * Charts in the brief: the text column's width, the brief's type size. A bar chart's bands take
 * at most 240px (2.5in): with its caption and source line the figure stays under a third of the
 * page's text block on either paper, so when it moves whole to the next page it leaves less
 * than a third blank (nine bars keep their 26px bands, up to fifteen get thinner ones, more
 * make a taller chart).
 */
const briefCharts = { width: 600, band: 26, height: 190, fontSize: 12, bandsHeight: 240 };

/**
 * The brief as HTML, with a batch row's values in its fields. The web edition is the same page with `web.css` after the print sheets:
 * screen rules for phone to desktop, the print rules kept for its printed copy.
 */
export async function renderBrief(
  brief: Brief,
  templates: Templates,
  extras: RenderExtras,
  sheets: readonly string[] = ['theme.css', 'brief.css'],
): Promise<string> {
  const parts = await briefParts(brief, {
    draw: chartDrawing(brief, briefCharts),
    row: extras.row,
    lang: brief.meta.lang,
  });
  return templates.render('brief', {
    ...withExtras(extras),
    brief: parts,
    labels: labelsFor(brief.meta.lang),
    stylesheets: stylesheets(brief, ...sheets),
    generator: `briefkit ${version}`,
  });
}
