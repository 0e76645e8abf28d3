import type { Brief } from '../model/brief.js';
import type { Slide } from '../model/deck.js';
import { labelsFor } from '../labels.js';
import { version } from '../paths.js';
import { stylesheets } from './render-brief.js';
import { chartDrawing, type ChartSize } from './charts.js';
import { chartSourceRoom, pxPerPt, slideContent } from '../slide-size.js';
import { slideParts } from './parts.js';
import { slideStyle } from './slide-style.js';
import { withExtras, type RenderExtras, type Templates } from './templates.js';

/**
 * Charts on slides fill the content box under a one-line title, less the source line, drawn at
 * the size they print (labels 18 pt, readable from the back of the room).
 */
const deckCharts: ChartSize = {
  width: Math.round(slideContent.width * pxPerPt),
  height: Math.round((slideContent.height - chartSourceRoom) * pxPerPt),
  band: 56,
  fontSize: 24,
  fill: true,
};

export async function renderDeck(
  brief: Brief,
  slides: readonly Slide[],
  templates: Templates,
  extras: RenderExtras,
): Promise<string> {
  const parts = await slideParts(slides, {
    draw: chartDrawing(brief, deckCharts),
    row: extras.row,
    lang: brief.meta.lang,
  });
  return templates.render('deck', {
    ...withExtras(extras),
    brief,
    slides: parts,
    labels: labelsFor(brief.meta.lang),
    stylesheets: stylesheets(brief, 'theme.css', 'deck.css'),
    slideStyle: slideStyle(),
    generator: `briefkit ${version}`,
  });
}
