import type { Brief } from '../model/brief.js';
import type { Slide } from '../model/deck.js';
import { labelsFor } from '../labels.js';
import { version } from '../paths.js';
import { stylesheets } from './render-brief.js';
import { chartDrawing } from './charts.js';
import { slideParts } from './parts.js';
import { withExtras, type RenderExtras, type Templates } from './templates.js';

/** Charts on slides: the slide's width, type readable from the back of the room. */
const deckCharts = { width: 780, band: 56, height: 300, fontSize: 24 };

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
    generator: `briefkit ${version}`,
  });
}
