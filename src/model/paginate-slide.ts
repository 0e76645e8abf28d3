import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { slideContent, slideType } from '../slide-size.js';

/**
 * Slide pagination without a browser, so `check`, `build` and any other output (PowerPoint) see
 * the same slides: derived content is measured by estimate against the slide's content box
 * (src/slide-size.ts: a 720 × 405 pt page, body 21 pt, titles 27 pt) and what does not fit
 * carries on on the next slide. The estimates err on the side of room: the printer still
 * measures every slide and may shrink type to 80%, so a near miss never clips.
 */
const box = slideContent;
const title = { size: slideType.title, line: slideType.titleLine, perLine: 40 };
const body = { size: slideType.body, line: slideType.bodyLine };
const small = slideType.small;
/** A line of code or of a table cell (deck.css: line-height 1.3). */
const smallLine = small * 1.3;
/** Average advance of a character of Source Sans 3, in ems (wide side). */
const charWidth = 0.52;

const charsPerLine = (width: number, size: number): number =>
  Math.max(8, Math.floor(width / (size * charWidth)));
const linesOf = (text: string, perLine: number): number =>
  text
    .split('\n')
    .reduce((total, line) => total + Math.max(1, Math.ceil(line.length / perLine)), 0);

/** Height left for the body under a title of this length. */
export function bodyHeight(heading: string): number {
  return box.height - (linesOf(heading, title.perLine) - 1) * title.line;
}

/** Height of one list item of `text` at `scale` of the body size, in a box `columns` wide. */
export function itemHeight(text: string, scale = 1, columns = 1): number {
  const size = body.size * scale;
  const width = (box.width - (columns - 1) * 36) / columns - 1.1 * size;
  return (
    linesOf(text.replace(/\s+/g, ' ').trim(), charsPerLine(width, size)) * size * 1.35 + 0.45 * size
  );
}

/**
 * Splits `items` into as few runs as fit `height` each, evened out (30 entries that need three
 * slides give 10, 10 and 10, not 14, 14 and 2) when the even runs fit too.
 */
export function packItems<T>(
  items: readonly T[],
  height: number,
  measure: (item: T) => number,
): T[][] {
  const greedy = packGreedily(items, height, measure);
  const size = Math.ceil(items.length / Math.max(1, greedy.length));
  const even: T[][] = [];
  for (let index = 0; index < items.length; index += size)
    even.push(items.slice(index, index + size));
  const fits = even.every((run) => run.reduce((sum, item) => sum + measure(item), 0) <= height);
  return fits && even.length === greedy.length ? even : greedy;
}

function packGreedily<T>(items: readonly T[], height: number, measure: (item: T) => number): T[][] {
  const runs: T[][] = [];
  let used = Infinity;
  for (const item of items) {
    const size = measure(item);
    if (used + size > height) {
      runs.push([]);
      used = 0;
    }
    runs.at(-1)?.push(item);
    used += size;
  }
  return runs;
}

/** The estimated height of a block on a slide, in points. */
function blockHeight(node: Element): number {
  switch (node.tagName) {
    case 'ul':
    case 'ol':
      return listItems(node).reduce((sum, item) => sum + itemHeight(toString(item)), 0);
    case 'table':
      return tableRows(node).all.reduce((sum, row) => sum + rowHeight(row), 0) + 4;
    case 'pre':
      return (
        linesOf(toString(node).replace(/\n$/, ''), charsPerLine(box.width - 24, small)) *
          smallLine +
        16
      );
    case 'p':
      if (node.children.some((child) => child.type === 'element' && child.tagName === 'img'))
        return box.height * 0.6; // pictures are sized to the room they get (deck.css)
      return linesOf(toString(node), charsPerLine(box.width, body.size)) * body.line + 8.4;
    default:
      return box.height * 0.6;
  }
}

function rowHeight(row: Element): number {
  const cells = row.children.filter(isElement);
  const perLine = charsPerLine(box.width / Math.max(1, cells.length) - 10, small);
  const lines = Math.max(1, ...cells.map((cell) => linesOf(toString(cell).trim(), perLine)));
  return lines * smallLine + 7;
}

/**
 * The blocks of one slide's body split into slides: greedily, a list, table or code block that
 * does not fit split between its items, rows or lines; a continued table repeats its header and
 * a continued numbered list its numbering.
 */
export function paginate(blocks: readonly Element[], heading: string): Element[][] {
  const height = bodyHeight(heading);
  // A list alone over several slides is evened out (four items: two and two, not three and a
  // lone one on a "continued" slide), on as many slides as it needs anyway.
  const [only] = blocks;
  if (blocks.length === 1 && only && (only.tagName === 'ul' || only.tagName === 'ol')) {
    const runs = packItems(listItems(only), height, (item) => itemHeight(toString(item)));
    let start = Number(only.properties.start ?? 1);
    return runs.map((items) => {
      const properties =
        only.tagName === 'ol' ? { ...only.properties, start } : { ...only.properties };
      start += items.length;
      return [{ ...only, properties, children: items }];
    });
  }
  const pages: Element[][] = [[]];
  let used = 0;
  const queue = [...blocks];
  while (queue.length > 0) {
    const block = queue.shift() as Element;
    const size = blockHeight(block);
    const page = pages.at(-1) as Element[];
    if (used + size <= height || (page.length === 0 && !splittable(block))) {
      page.push(block);
      used += size;
      continue;
    }
    // On an empty slide, at least one item, row or two lines go, however long: a block whose
    // first item alone is taller than a slide must not put it off for ever.
    const parts = split(block, height - used, page.length === 0);
    if (!parts && page.length === 0) {
      page.push(block);
      used += size;
      continue;
    }
    if (parts) {
      const [head, tail] = parts;
      page.push(head);
      queue.unshift(tail);
    } else {
      queue.unshift(block);
    }
    pages.push([]);
    used = 0;
  }
  return pages.filter((page) => page.length > 0);
}

function splittable(block: Element): boolean {
  if (block.tagName === 'ul' || block.tagName === 'ol') return listItems(block).length > 1;
  if (block.tagName === 'table') return tableRows(block).body.length > 1;
  if (block.tagName === 'pre') return toString(block).split('\n').length > 2;
  return false;
}

/** `block` cut where `room` runs out: a first part that fits and the rest, or undefined. */
function split(block: Element, room: number, first = false): [Element, Element] | undefined {
  const least = first ? 1 : 0;
  if (block.tagName === 'ul' || block.tagName === 'ol') {
    const items = listItems(block);
    const count = Math.max(
      least,
      fitting(
        items.map((item) => itemHeight(toString(item))),
        room,
      ),
    );
    if (count === 0 || count >= items.length) return undefined;
    const start = Number(block.properties.start ?? 1);
    const tail =
      block.tagName === 'ol'
        ? { ...block.properties, start: start + count }
        : { ...block.properties };
    return [
      { ...block, children: items.slice(0, count) },
      { ...block, properties: tail, children: items.slice(count) },
    ];
  }
  if (block.tagName === 'table') {
    const { head, body: rows } = tableRows(block);
    const headHeight = head.reduce((sum, row) => sum + rowHeight(row), 0) + 4;
    const count = Math.max(least, fitting(rows.map(rowHeight), room - headHeight));
    if (count === 0 || count >= rows.length) return undefined;
    return [withRows(block, rows.slice(0, count)), withRows(block, rows.slice(count))];
  }
  if (block.tagName === 'pre') {
    const lines = toString(block).replace(/\n$/, '').split('\n');
    const count = Math.max(2 * least, Math.floor((room - 16) / smallLine));
    if (count < 2 || count >= lines.length) return undefined;
    const code = (text: string): Element => ({
      ...block,
      children: [
        {
          type: 'element',
          tagName: 'code',
          properties: {},
          children: [{ type: 'text', value: text }],
        },
      ],
    });
    return [code(lines.slice(0, count).join('\n')), code(lines.slice(count).join('\n'))];
  }
  return undefined;
}

/** How many of these heights fit, in order, in `room`. */
function fitting(heights: readonly number[], room: number): number {
  let used = 0;
  let count = 0;
  for (const height of heights) {
    if (used + height > room) break;
    used += height;
    count++;
  }
  return count;
}

function listItems(list: Element): Element[] {
  return list.children.filter(
    (child): child is Element => isElement(child) && child.tagName === 'li',
  );
}

function tableRows(table: Element): { head: Element[]; body: Element[]; all: Element[] } {
  const rowsOf = (tag: string): Element[] =>
    table.children
      .filter((child): child is Element => isElement(child) && child.tagName === tag)
      .flatMap((group) =>
        group.children.filter((row): row is Element => isElement(row) && row.tagName === 'tr'),
      );
  const head = rowsOf('thead');
  const rows = rowsOf('tbody');
  return { head, body: rows, all: [...head, ...rows] };
}

/** The table with its header and only these body rows. */
function withRows(table: Element, rows: Element[]): Element {
  return {
    ...table,
    children: table.children
      .filter((child): child is Element => isElement(child) && child.tagName === 'thead')
      .concat([{ type: 'element', tagName: 'tbody', properties: {}, children: rows }]),
  };
}

function isElement(node: ElementContent): node is Element {
  return node.type === 'element';
}
