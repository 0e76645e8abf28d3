import { formulaScale, type FormulaPicture } from '../office-parts.js';
import type { Printer } from './printer.js';

/**
 * Pictures of a formula sheet's formulas (made by src/render/pptx/formula-sheet.ts), for deck.pptx:
 * the sheet is loaded in one of the build's pages as a document is, and each formula's box is
 * captured at `formulaScale`, its background left transparent. Only decks with displayed
 * formulas come here; the others open no page for it.
 */
export async function drawFormulas(
  printer: Printer,
  job: { name: string; html: string; allowedRoots: readonly string[] },
  count: number,
): Promise<FormulaPicture[]> {
  return printer.inPage(job, async (page) => {
    const pictures: FormulaPicture[] = [];
    for (let index = 0; index < count; index++) {
      const box = await page.$(`[data-formula="${index}"]`).then((handle) => handle?.boundingBox());
      if (!box) throw new Error(`formula ${index + 1} was not drawn`);
      // Whole pixels, rounded outwards, so the picture's size is the box's and nothing is cut.
      const x = Math.floor(box.x);
      const y = Math.floor(box.y);
      const width = Math.ceil(box.x + box.width) - x;
      const height = Math.ceil(box.y + box.height) - y;
      const png = await page.screenshot({
        type: 'png',
        omitBackground: true,
        captureBeyondViewport: true,
        clip: { x, y, width, height, scale: formulaScale },
      });
      pictures.push({ png, width, height });
    }
    return pictures;
  });
}
