import type { Page } from 'puppeteer-core';

/**
 * What each printed link says, in document order: its accessible name (`aria-label`, else its
 * text). Chromium tags links in this order but writes no description on their annotations, which
 * PDF/UA asks for; the finishing layer puts these there.
 */
export function readLinkNames(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('a[href]'))
      .filter((link) => link.getClientRects().length > 0)
      .map((link) =>
        (link.getAttribute('aria-label') ?? link.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ),
  );
}
