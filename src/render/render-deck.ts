import type { Brief } from '../model/brief.js';
import type { Slide } from '../model/deck.js';
import { labelsFor } from '../model/labels.js';
import { version } from '../paths.js';
import { stylesheets } from './render-brief.js';
import { drawCharts } from './charts.js';
import { withExtras, type RenderExtras, type Templates } from './templates.js';

/** Charts on slides: the slide's width, type readable from the back of the room. */
const deckCharts = { width: 780, band: 56, height: 300, fontSize: 24 };

export async function renderDeck(
  brief: Brief,
  slides: readonly Slide[],
  templates: Templates,
  extras: RenderExtras,
): Promise<string> {
  const html = templates.render('deck', {
    ...withExtras(extras),
    brief,
    slides,
    labels: labelsFor(brief.meta.lang),
    stylesheets: stylesheets(brief, 'theme.css', 'deck.css'),
    generator: `briefkit ${version}`,
  });
  return drawCharts(html, brief, deckCharts);
}
