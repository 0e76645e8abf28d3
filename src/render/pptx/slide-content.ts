import type { Element, ElementContent, Root } from 'hast';
import { filledTree } from '../write-part.js';
import type { Run } from './blocks.js';
import { slideBlocks, type Block } from './blocks.js';

/** The batch row whose values fill the deck's fields, and the language that writes its dates. */
export interface RowValues {
  row: Readonly<Record<string, string>> | undefined;
  lang: string;
}

/** What a slide's body shows, read from its tree with the row's values in its fields. */
export async function bodyBlocks(body: Root | undefined, values: RowValues): Promise<Block[]> {
  if (!body) return [];
  return slideBlocks(await filledTree(body, { draw: undefined, ...values }));
}

const blockTags = new Set(['p', 'ul', 'ol', 'table', 'pre', 'blockquote', 'div', 'figure']);

/** A recommendation's words as one paragraph's runs: a tight item is inline, a loose one paragraphs. */
export async function itemRuns(item: Root, values: RowValues): Promise<Run[]> {
  const filled = await filledTree(item, { draw: undefined, ...values });
  const inline = filled.children.every(
    (child) => child.type !== 'element' || !blockTags.has(child.tagName),
  );
  const paragraph: Element = {
    type: 'element',
    tagName: 'p',
    properties: {},
    children: filled.children as ElementContent[],
  };
  return slideBlocks(inline ? { type: 'root', children: [paragraph] } : filled).flatMap((block) =>
    block.kind === 'text' ? block.paragraphs.flatMap((line) => line.runs) : [],
  );
}
