import type { Page } from 'puppeteer-core';
import { paperSizes, type Paper } from '../paper.js';

/** Something laid out wider than the text column: Chromium would shrink every page to fit it. */
export interface WideBlock {
  /** Its tag and the start of its text, for a message a writer can find it by. */
  tag: string;
  text: string;
  /** How far it reaches, in CSS pixels (96 a inch), against the column's width. */
  width: number;
  column: number;
}

/**
 * Measures the body at the printed column's width and lists the blocks that reach past it. When
 * a document is wider than its page, Chromium's printing scales every page down to fit (to about
 * 66% for one long URL), so a wide block is made to wrap; one that still does not fit is
 * returned. Runs as a DevTools evaluation: the page's own scripts stay disabled.
 */
export async function measureWidth(page: Page, column: number): Promise<WideBlock[]> {
  return page.evaluate((column) => {
    const root = document.documentElement;
    const saved = root.style.cssText;
    // A page loaded at the column's width (the printer's `width`) is measured as it is laid out.
    if (Math.abs(window.innerWidth - column) > 0.5) root.style.width = `${column}px`;
    // Right to left, the column is laid out against the right edge and a block too wide reaches
    // past its left side: measure from the column's own edges, not the viewport's.
    const rtl = getComputedStyle(root).direction === 'rtl';
    const edge = () => root.getBoundingClientRect().left;
    const reach = (box: DOMRect, left: number) =>
      rtl ? left + column - box.left : box.right - left;
    const past = (element: Element, left: number) => {
      const box = element.getBoundingClientRect();
      // Hidden elements (display: none) have an empty box at the viewport's left.
      return box.width + box.height > 0 && reach(box, left) > column + 0.5;
    };
    /** The innermost elements reaching past the column: where the fix is needed. */
    const culprits = () => {
      const left = edge();
      return Array.from(document.body.querySelectorAll<HTMLElement>('*')).filter(
        (element) =>
          past(element, left) && !Array.from(element.children).some((child) => past(child, left)),
      );
    };
    const wide = () => (rtl ? culprits().length > 0 : root.scrollWidth > column + 0.5);
    try {
      if (!wide()) return [];
      // Make each one wrap where it can: anywhere in a word, and no wider than its container.
      for (const element of culprits()) {
        element.style.setProperty('overflow-wrap', 'anywhere');
        element.style.setProperty('word-break', 'break-word');
        element.style.setProperty('max-width', '100%');
        if (getComputedStyle(element).whiteSpace.startsWith('pre'))
          element.style.setProperty('white-space', 'pre-wrap');
      }
      if (!wide()) return [];
      // Named by the outermost block that reaches past the column: the one a writer can find.
      const left = edge();
      const tooWide = (element: Element | null) => element !== null && past(element, left);
      return Array.from(document.body.querySelectorAll<HTMLElement>('*'))
        .filter((element) => tooWide(element) && !tooWide(element.parentElement))
        .map((element) => ({
          tag: element.tagName.toLowerCase(),
          text: (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60),
          width: Math.round(reach(element.getBoundingClientRect(), left)),
          column: Math.round(column),
        }));
    } finally {
      root.style.cssText = saved;
    }
  }, column);
}

/** The brief's text column in CSS pixels: the paper less brief.css's 0.8in side margins. */
export function columnWidth(paper: Paper): number {
  const paperInches = paperSizes[paper].width / 72;
  return (paperInches - 1.6) * 96;
}
