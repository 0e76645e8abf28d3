import type { Brief } from '../model/brief.js';
import type { Slide } from '../model/deck.js';
import { labelsFor } from '../model/labels.js';
import { version } from '../paths.js';
import { stylesheets } from './render-brief.js';
import type { Templates } from './templates.js';

export function renderDeck(brief: Brief, slides: readonly Slide[], templates: Templates): string {
  return templates.render('deck', {
    brief,
    slides,
    labels: labelsFor(brief.meta.lang),
    stylesheets: stylesheets('theme.css', 'deck.css'),
    generator: `briefkit ${version}`,
  });
}
