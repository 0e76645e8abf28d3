import type { Page } from 'puppeteer-core';
import { paperSizes, type Paper } from '../paper.js';

/** The brief's text block height in CSS pixels: the paper less brief.css's 0.8in and 0.75in. */
export function textBlockHeight(paper: Paper): number {
  return (paperSizes[paper].height / 72 - 1.55) * 96;
}

/**
 * A picture too tall for the space left on its page is moved whole to the next page, and the
 * rest of the page is left blank. Before printing, the body is laid out in columns one text block
 * high, which Chromium breaks by the same rules as pages, and a picture (or its captioned figure)
 * that would leave more than a third of a page blank is made just small enough to fit there, when
 * it keeps at least half its height. Does nothing, and costs one query, when no picture is taller
 * than a third of the page. Returns how many pictures were sized down.
 */
export async function fitPictures(page: Page, column: number, height: number): Promise<number> {
  return page.evaluate(
    (column, height) => {
      const pictures = Array.from(document.querySelectorAll<HTMLImageElement>('main img'));
      const tall = (element: Element) => element.getBoundingClientRect().height > height / 3;
      if (!pictures.some(tall)) return 0;
      const body = document.body;
      const saved = body.style.cssText;
      const rtl = getComputedStyle(body).direction === 'rtl';
      body.style.cssText +=
        `;column-width:${column}px;column-gap:0;column-fill:auto;` +
        `height:${height}px;width:${column}px;`;
      /** Which column (page) a box is in, and how far down it. */
      const place = (box: DOMRect) => {
        const edge = body.getBoundingClientRect();
        const across = rtl ? edge.right - box.right : box.left - edge.left;
        return { column: Math.round(across / column), top: box.top - edge.top };
      };
      /** The bottom of the last line or picture in a column. */
      const end = (wanted: number) => {
        let bottom = 0;
        const boxes: DOMRect[] = [];
        const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.trim()) continue;
          range.selectNodeContents(node);
          boxes.push(...Array.from(range.getClientRects()));
        }
        for (const element of Array.from(body.querySelectorAll('img, svg, tr, hr')))
          boxes.push(...Array.from(element.getClientRects()));
        for (const box of boxes) {
          const at = place(box);
          if (at.column === wanted && box.height > 0)
            bottom = Math.max(bottom, at.top + box.height);
        }
        return bottom;
      };
      let fitted = 0;
      try {
        for (const picture of pictures) {
          const unit = picture.closest('figure') ?? picture;
          if (!tall(unit)) continue;
          const at = place(unit.getBoundingClientRect());
          if (at.column === 0) continue;
          const last = end(at.column - 1);
          const blank = height - last;
          // Moved to this column with more than a third of the last one left blank (a column
          // with nothing in it was ended by something else, such as a page break).
          if (last === 0 || blank <= height / 3) continue;
          const box = unit.getBoundingClientRect();
          const drawn = picture.getBoundingClientRect().height;
          // What it must lose for it (and a heading kept with it) to fit; then a little more
          // at a time, for the space a break leaves that lines alone do not show.
          let smaller = Math.floor(drawn - (at.top + box.height - blank));
          const before = picture.style.cssText;
          picture.style.setProperty('width', 'auto');
          while (smaller >= drawn / 2) {
            picture.style.setProperty('max-height', `${smaller}px`);
            if (place(unit.getBoundingClientRect()).column < at.column) break;
            smaller -= 8;
          }
          if (smaller < drawn / 2) picture.style.cssText = before;
          else fitted++;
        }
      } finally {
        body.style.cssText = saved;
      }
      return fitted;
    },
    column,
    height,
  );
}
