import type { Element, ElementContent, Root, RootContent } from 'hast';
import { formatDate } from './format.js';
import type { ChartPart } from './chart-request.js';

/**
 * The elements parse leaves in the document's tree for render to fill, per output and per batch
 * row: a chart's drawing, a key figure's spark, a batch field's value. Render finds them by their
 * element and properties on the tree, never by their markup, so templates write theirs freely.
 */
export type Slot =
  | { kind: 'chart'; index: number; part?: ChartPart | undefined }
  | { kind: 'spark'; statId: string }
  | { kind: 'field'; name: string };

/** Where chart `index` (its position among the brief's charts) is drawn. */
export const chartSlot = (index: number): Element => ({
  type: 'element',
  tagName: 'div',
  properties: { className: ['bk-chart-canvas'], dataChart: String(index) },
  children: [],
});

/** Where the spark of stat `statId` is drawn, beside its number. */
export const sparkSlot = (statId: string): Element => ({
  type: 'element',
  tagName: 'div',
  properties: { className: ['bk-spark'], dataSpark: statId },
  children: [],
});

/** Where the batch row's value of column `name` goes. */
export const fieldSlot = (name: string): Element => ({
  type: 'element',
  tagName: 'span',
  properties: { className: ['bk-field'], dataField: name },
  children: [],
});

/** The slot `node` is, if it is one. */
export function slotOf(node: Element): Slot | undefined {
  const { dataChart, dataSpark, dataField } = node.properties;
  if (node.tagName === 'div' && typeof dataChart === 'string' && /^\d+$/.test(dataChart))
    return { kind: 'chart', index: Number(dataChart) };
  if (node.tagName === 'div' && typeof dataSpark === 'string')
    return { kind: 'spark', statId: dataSpark };
  if (node.tagName === 'span' && typeof dataField === 'string')
    return { kind: 'field', name: dataField };
  return undefined;
}

/** The slot's element as it is printed once filled: its class only. */
export function filledSlot(node: Element, children: Element['children']): void {
  node.properties = { className: node.properties.className };
  node.children = children;
}

/** A batch field's value as printed: ISO dates are written as the brief's language writes them. */
export function fieldValue(value: string, lang: string): string {
  const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
  return isDate ? formatDate(value, lang) : value;
}

/**
 * The plain text of a tree as a reader sees it once `row` fills its fields (a heading becomes a
 * slide's title, an agenda entry, an outline entry): hast-util-to-string, with field values.
 */
export function textWithFields(
  tree: Root | Element,
  row: Readonly<Record<string, string>> | undefined,
  lang: string,
): string {
  const text = (node: Root | RootContent | ElementContent): string => {
    if (node.type === 'text') return node.value;
    if (node.type !== 'element' && node.type !== 'root') return '';
    const slot = node.type === 'element' ? slotOf(node) : undefined;
    if (slot?.kind === 'field') return row ? fieldValue(row[slot.name] ?? '', lang) : '';
    if (node.type === 'element' && isKatex(node))
      return texSource(node) ?? node.children.map(text).join('');
    return node.children.map(text).join('');
  };
  return text(tree);
}

const isKatex = (node: Element): boolean =>
  Array.isArray(node.properties.className) && node.properties.className.includes('katex');

/**
 * KaTeX writes a formula three times (MathML, its TeX source, the drawing): as plain text (a
 * slide's title, "Satz: $e$ ist transzendent") it is its TeX source, once.
 */
function texSource(node: Element): string | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'annotation')
      return child.children.map((part) => (part.type === 'text' ? part.value : '')).join('');
    const found = texSource(child);
    if (found !== undefined) return found;
  }
  return undefined;
}
