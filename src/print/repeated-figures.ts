import type { Page } from 'puppeteer-core';
import type { VFile } from 'vfile';

/**
 * A section's `::key-figure` callout whose stat the key-figures panel shows, printed on the
 * panel's page, repeats the number a few lines below it: it is left out of the print (the deck
 * keeps its big-number slide). The body is laid out in columns one text block high, which
 * Chromium breaks by the same rules as pages, to see which callouts share the panel's page.
 * Returns the stats left out. Does nothing more when no callout of a featured stat can be on the
 * panel's page (the default brief's cannot).
 */
export async function dropRepeatedFigures(
  page: Page,
  column: number,
  height: number,
): Promise<string[]> {
  return page.evaluate(
    (column, height) => {
      const panel = document.querySelector('.bk-key-figures');
      if (!panel) return [];
      const featured = new Set(
        Array.from(panel.querySelectorAll<HTMLElement>('[data-stat]')).map(
          (figure) => figure.dataset['stat'],
        ),
      );
      const top = document.body.getBoundingClientRect().top;
      const panelEnd = panel.getBoundingClientRect().bottom - top;
      // A panel ending within the first page's height, with no written page break before it,
      // prints on page 1: then what starts below that height prints on a later page.
      const forced = Array.from(
        document.querySelectorAll(
          '.bk-page-break, .page-break, .pagebreak, .new-page, .bk-page-break-after, .bk-page-break-before',
        ),
      ).some(
        (element) => element.compareDocumentPosition(panel) & Node.DOCUMENT_POSITION_FOLLOWING,
      );
      const pageEnd = panelEnd <= height && !forced ? height : panelEnd + height;
      const near = Array.from(
        document.querySelectorAll<HTMLElement>('main .bk-key-figure[data-stat]'),
      ).filter(
        (callout) =>
          featured.has(callout.dataset['stat']) &&
          // Breaks only add space: what starts past the panel's page here is on a later page
          // printed (give or take a heading's margin, which a break drops).
          callout.getBoundingClientRect().top - top < pageEnd + 40,
      );
      if (near.length === 0) return [];
      const body = document.body;
      const saved = body.style.cssText;
      const rtl = getComputedStyle(body).direction === 'rtl';
      body.style.cssText +=
        `;column-width:${column}px;column-gap:0;column-fill:auto;` +
        `height:${height}px;width:${column}px;`;
      const columnOf = (element: Element) => {
        const edge = body.getBoundingClientRect();
        const box = element.getBoundingClientRect();
        return Math.round((rtl ? edge.right - box.right : box.left - edge.left) / column);
      };
      const dropped: string[] = [];
      try {
        // One at a time, in reading order: leaving one out moves what follows it up.
        for (const callout of near) {
          const panelColumns = Array.from(panel.getClientRects()).map((box) =>
            Math.round(
              (rtl
                ? body.getBoundingClientRect().right - box.right
                : box.left - body.getBoundingClientRect().left) / column,
            ),
          );
          if (!panelColumns.includes(columnOf(callout))) continue;
          callout.style.setProperty('display', 'none');
          const row = callout.parentElement;
          const empty = (element: Element) =>
            Array.from(element.children).every(
              (child) => getComputedStyle(child).display === 'none',
            );
          if (row?.classList.contains('bk-kf-row') && empty(row))
            row.style.setProperty('display', 'none');
          dropped.push(callout.dataset['stat'] ?? '');
        }
      } finally {
        body.style.cssText = saved;
      }
      return dropped;
    },
    column,
    height,
  );
}

/** An info line for each callout left out, at its `::key-figure` in brief.md. */
export function reportRepeatedFigures(stats: readonly string[], file: VFile | undefined): void {
  if (!file) return;
  const source = String(file.value);
  for (const stat of stats) {
    const id = stat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const at = source.search(new RegExp(`::key-figure\\{[^}\\n]*stat=["']?${id}(?![\\w-])`));
    const line = at < 0 ? undefined : source.slice(0, at).split('\n').length;
    file.info(
      `\`::key-figure{stat=${stat}}\` prints on the page of the key-figures panel, which shows it: ` +
        'left out of the brief there',
      {
        place: line === undefined ? undefined : { line, column: 1 },
        ruleId: 'key-figure-in-panel',
        source: 'briefkit',
      },
    );
  }
}
