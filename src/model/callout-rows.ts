import type { Element, ElementContent, RootContent } from 'hast';
import type { VFile } from 'vfile';

/** Blocks a floated callout can sit beside: text that wraps around it. */
const wrapsAround = new Set(['p', 'ul', 'ol', 'dl', 'blockquote']);

/** A `::key-figure` callout (parse makes it a figure carrying its stat). */
export const calloutStat = (node: RootContent | ElementContent): string | undefined =>
  node.type === 'element' &&
  node.tagName === 'figure' &&
  typeof node.properties.dataStat === 'string'
    ? node.properties.dataStat
    : undefined;

/**
 * Key-figure callouts before the first section sit right under the key-figures panel: one the
 * panel already shows would print the same number twice, so it is left out with an info line.
 * The rest become one full-width row, never floated into the text below them.
 */
export function leadCallouts(
  lead: readonly Element[],
  featured: ReadonlySet<string>,
  file: VFile,
): Element[] {
  const kept = lead.filter((node) => {
    const stat = calloutStat(node);
    if (stat === undefined || !featured.has(stat)) return true;
    file.info(
      `\`::key-figure{stat=${stat}}\` before the first section repeats the key-figures panel, ` +
        'which shows it: left out of the brief',
      { place: node.position, ruleId: 'key-figure-in-panel', source: 'briefkit' },
    );
    return false;
  });
  return rowCallouts(kept, () => true) as Element[];
}

/**
 * A callout floats beside the text that follows it. Two or more in a row, or one with no text
 * after it to wrap (a heading, a table, a chart, the end of the section), would squeeze that
 * block or each other into a narrow column: they become a full-width row instead.
 */
export function sectionCallouts<T extends RootContent | ElementContent>(
  children: readonly T[],
): T[] {
  return rowCallouts(
    children,
    (run, next) => run.length > 1 || !next || !wrapsAround.has(next.tagName),
  );
}

function rowCallouts<T extends RootContent | ElementContent>(
  children: readonly T[],
  asRow: (run: Element[], next: Element | undefined) => boolean,
): T[] {
  const out: T[] = [];
  let run: Element[] = [];
  const flush = (next: Element | undefined) => {
    if (run.length > 0 && asRow(run, next)) out.push(row(run) as T);
    else out.push(...(run as T[]));
    run = [];
  };
  // White space between blocks does not end a run, and stays outside the row.
  let gap: T[] = [];
  for (const child of children) {
    if (child.type === 'text' && child.value.trim() === '') {
      gap.push(child);
      continue;
    }
    if (calloutStat(child) !== undefined) {
      if (run.length === 0) out.push(...gap);
      run.push(child as Element);
      gap = [];
      continue;
    }
    flush(child.type === 'element' ? child : undefined);
    out.push(...gap, child);
    gap = [];
  }
  flush(undefined);
  out.push(...gap);
  return out;
}

function row(figures: Element[]): Element {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['bk-kf-row'] },
    children: figures,
    position: figures[0]?.position,
  };
}
