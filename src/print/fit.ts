import type { Page } from 'puppeteer-core';

export interface FitOptions {
  /** Each measured unit, e.g. `.slide`. Its `--fit` custom property scales its type. */
  container: string;
  /** The box inside it whose content must fit, e.g. `.slide-body`. */
  box: string;
  /** Smallest scale allowed before overflow is reported (0.8 = 80% of the base size). */
  floor: number;
  /** How much the scale drops at each try. */
  step: number;
  /** CSS pixels of overflow that count as fitting (rounding). */
  tolerance: number;
}

/**
 * How slides fit, in one place: the printer measures with it, the preview marks the slides that
 * would overflow with it, and messages quote its floor. Type may shrink to 80% of its base size
 * before a slide counts as overflowing.
 */
export const slideFit: FitOptions = {
  container: '.slide',
  box: '.slide-body',
  floor: 0.8,
  step: 0.04,
  tolerance: 1,
};

/** The handout's speaker notes beside each slide fit the same way. */
export const notesFit: FitOptions = {
  ...slideFit,
  container: '.slot-notes',
  box: '.slot-notes-body',
};

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
 * to the floor. Runs in the page, self-contained: the printer evaluates it through DevTools (the
 * page's own scripts stay disabled) and the preview's script carries its source.
 */
export function fitInPage({ container, box, floor, step, tolerance }: FitOptions): FitResult[] {
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
    while (hidden() > tolerance && scale > floor) {
      scale = Math.max(floor, Math.round((scale - step) * 100) / 100);
      unit.style.setProperty('--fit', String(scale));
    }
    const overflow = hidden();
    results.push({ index, scale, overflow: overflow > tolerance ? overflow : 0 });
  });
  return results;
}

export async function fitBoxes(page: Page, options: FitOptions): Promise<FitResult[]> {
  return page.evaluate(fitInPage, options);
}
