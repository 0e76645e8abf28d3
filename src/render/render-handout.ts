import type { Brief } from '../model/brief.js';
import type { HandoutPlan } from '../model/handout.js';
import { labelsFor } from '../labels.js';
import { version } from '../paths.js';
import { stylesheets } from './render-brief.js';
import { writeOptional } from './write-part.js';
import { withExtras, type RenderExtras, type Templates } from './templates.js';

/** The handout's sheets without slides: frames, lines, notes, header and footer. */
export async function renderHandout(
  brief: Brief,
  plan: HandoutPlan,
  templates: Templates,
  extras: RenderExtras,
): Promise<string> {
  const context = { draw: undefined, row: extras.row, lang: brief.meta.lang };
  const sheets = await Promise.all(
    plan.sheets.map(async (sheet) => ({
      ...sheet,
      slots: await Promise.all(
        sheet.slots.map(async (slot) => ({
          ...slot,
          slide: { ...slot.slide, notesHtml: await writeOptional(slot.slide.notes, context) },
        })),
      ),
    })),
  );
  return templates.render('handout', {
    ...withExtras(extras),
    brief,
    plan: { ...plan, sheets },
    labels: labelsFor(brief.meta.lang),
    stylesheets: stylesheets(brief, 'theme.css', 'handout.css'),
    generator: `briefkit ${version}`,
  });
}
