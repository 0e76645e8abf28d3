import type { Page } from 'puppeteer-core';

/**
 * brief.css keeps a table of fewer than nine rows on one page. One that is still taller than a
 * third of the text block (long cells) may break between its rows instead, header repeated:
 * moved whole to the next page it could leave more than a third of a page blank. Returns how
 * many tables were let break.
 */
export async function breakTallTables(page: Page, height: number): Promise<number> {
  return page.evaluate((height) => {
    let freed = 0;
    for (const table of Array.from(document.querySelectorAll<HTMLElement>('main table'))) {
      if (getComputedStyle(table).breakInside !== 'avoid') continue;
      if (table.getBoundingClientRect().height <= height / 3) continue;
      table.style.breakInside = 'auto';
      freed++;
    }
    return freed;
  }, height);
}
