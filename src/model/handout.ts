import type { HandoutLayout } from '../outputs.js';
import { paperSizes, type Paper } from '../paper.js';
import { slidePage } from '../slide-size.js';
import type { Slide } from './deck.js';

export type { HandoutLayout } from '../outputs.js';

/** A rectangle in PDF points, measured from the page's top-left corner (as CSS places it). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HandoutSlot {
  slide: Slide;
  /** Where the slide is imposed; a thin frame is drawn around it. */
  frame: Rect;
  /** Ruled note lines beside the slide (`lines` layout). */
  lines?: { rect: Rect; count: number };
  /** The speaker notes under the slide (`notes` layout). */
  notes?: Rect;
}

export interface HandoutSheet {
  number: number;
  slots: HandoutSlot[];
}

export interface HandoutPlan {
  width: number;
  height: number;
  layout: HandoutLayout;
  sheets: HandoutSheet[];
}

const margin = 43; // 0.6 in
const headerHeight = 40;
const footerHeight = 28;
const slideRatio = slidePage.height / slidePage.width;
const lineSpacing = 21;

/**
 * Where each slide goes on the handout's sheets. The same numbers place the frames in the
 * handout's HTML and the imposed deck pages in the PDF, so the two always line up.
 */
export function planHandout(
  slides: readonly Slide[],
  paper: Paper,
  layout: HandoutLayout,
  dir: 'ltr' | 'rtl' = 'ltr',
): HandoutPlan {
  const { width, height } = paperSizes[paper];
  const perSheet = layout === 'lines' ? 3 : 2;
  const top = margin + headerHeight;
  const rowHeight = (height - top - margin - footerHeight) / perSheet;
  const contentWidth = width - 2 * margin;
  const slideWidth = layout === 'lines' ? contentWidth * 0.56 : contentWidth * 0.7;
  const slideHeight = slideWidth * slideRatio;

  const sheets: HandoutSheet[] = [];
  slides.forEach((slide, index) => {
    const row = index % perSheet;
    if (row === 0) sheets.push({ number: sheets.length + 1, slots: [] });
    const y = top + row * rowHeight;
    const frame =
      layout === 'lines'
        ? { x: margin, y, width: slideWidth, height: slideHeight }
        : { x: (width - slideWidth) / 2, y, width: slideWidth, height: slideHeight };
    const slot: HandoutSlot = { slide, frame };
    if (layout === 'lines') {
      const x = margin + slideWidth + 22;
      const rect = { x, y, width: width - margin - x, height: slideHeight };
      slot.lines = { rect, count: Math.floor(slideHeight / lineSpacing) };
    } else {
      const notesTop = y + slideHeight + 10;
      slot.notes = {
        x: margin,
        y: notesTop,
        width: contentWidth,
        height: y + rowHeight - 14 - notesTop,
      };
    }
    // Right to left, the sheet is mirrored: slides on the right, note lines on their left.
    if (dir === 'rtl') {
      const mirror = (rect: Rect) => void (rect.x = width - rect.x - rect.width);
      mirror(slot.frame);
      if (slot.lines) mirror(slot.lines.rect);
      if (slot.notes) mirror(slot.notes);
    }
    sheets.at(-1)?.slots.push(slot);
  });
  return { width, height, layout, sheets };
}
