import { beginMarkedContent, endMarkedContent, type PDFDocument } from 'pdf-lib';
import type { HandoutPlan } from '../model/handout.js';
import { loadPdf } from './metadata.js';

/**
 * Draws the deck's pages into the handout's frames as embedded vector pages: the slides' text
 * stays text, at the same fonts, with nothing re-rendered or rasterized.
 */
export async function imposeSlides(
  handout: PDFDocument,
  deck: Uint8Array,
  plan: HandoutPlan,
): Promise<void> {
  const slots = plan.sheets.flatMap((sheet, sheetIndex) =>
    sheet.slots.map((slot) => ({ slot, sheetIndex })),
  );
  const embedded = await handout.embedPdf(
    await loadPdf(deck),
    slots.map(({ slot }) => slot.slide.number - 1),
  );
  slots.forEach(({ slot, sheetIndex }, index) => {
    const page = handout.getPage(sheetIndex);
    const slide = embedded[index];
    if (!slide) return;
    const { frame } = slot;
    // The frame under it is tagged as the slide, with its text (handout.hbs); the drawing is not.
    page.pushOperators(beginMarkedContent('Artifact'));
    page.drawPage(slide, {
      x: frame.x,
      y: plan.height - frame.y - frame.height,
      width: frame.width,
      height: frame.height,
    });
    page.pushOperators(endMarkedContent());
  });
}
