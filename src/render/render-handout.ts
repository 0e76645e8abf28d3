import type { Brief } from '../model/brief.js';
import type { HandoutPlan } from '../model/handout.js';
import { labelsFor } from '../model/labels.js';
import { version } from '../paths.js';
import { stylesheets } from './render-brief.js';
import { withExtras, type RenderExtras, type Templates } from './templates.js';

/** The handout's sheets without slides: frames, lines, notes, header and footer. */
export function renderHandout(
  brief: Brief,
  plan: HandoutPlan,
  templates: Templates,
  extras: RenderExtras,
): string {
  return templates.render('handout', {
    ...withExtras(extras),
    brief,
    plan,
    labels: labelsFor(brief.meta.lang),
    stylesheets: stylesheets(brief, 'theme.css', 'handout.css'),
    generator: `briefkit ${version}`,
  });
}
