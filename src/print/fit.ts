import type { Page } from 'puppeteer-core';

export interface FitOptions {
  /** Each measured unit, e.g. `.slide`. Its `--fit` custom property scales its type. */
  container: string;
  /** The box inside it whose content must fit, e.g. `.slide-body`. */
  box: string;
  /** Smallest scale allowed before overflow is reported (0.8 = 80% of the base size). */
  floor: number;
}

export interface FitResult {
  /** 0-based position of the container in the document. */
  index: number;
  /** The scale applied (1 = untouched). */
  scale: number;
  /** CSS pixels still hidden at that scale; 0 when everything fits. */
  overflow: number;
}

/**
 * Measures every box after layout and shrinks the type of those that overflow, step by step down
 * to the floor. Runs as a DevTools evaluation: the page's own scripts stay disabled.
 */
export async function fitBoxes(page: Page, options: FitOptions): Promise<FitResult[]> {
  return page.evaluate(({ container, box, floor }) => {
    const results: { index: number; scale: number; overflow: number }[] = [];
    document.querySelectorAll<HTMLElement>(container).forEach((unit, index) => {
      const target = unit.querySelector<HTMLElement>(box);
      if (!target) return;
      const hidden = () =>
        Math.max(
          target.scrollHeight - target.clientHeight,
          target.scrollWidth - target.clientWidth,
          0,
        );
      let scale = 1;
      while (hidden() > 1 && scale > floor) {
        scale = Math.max(floor, Math.round((scale - 0.04) * 100) / 100);
        unit.style.setProperty('--fit', String(scale));
      }
      const overflow = hidden();
      results.push({ index, scale, overflow: overflow > 1 ? overflow : 0 });
    });
    return results;
  }, options);
}
