import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { SKIP, visit } from 'unist-util-visit';
import { fieldValue, filledSlot, slotOf, type Slot } from '../slots.js';

/** What one output fills a part's slots with. */
export interface PartContext {
  /** The SVG drawn for a chart or spark slot at the output's size; undefined leaves the slot. */
  draw: ((slot: Exclude<Slot, { kind: 'field' }>) => Promise<Element> | undefined) | undefined;
  /** The batch row being rendered: its values fill the fields. */
  row: Readonly<Record<string, string>> | undefined;
  lang: string;
}

/**
 * A part of the model (a section, the summary, a slide's body …) as HTML for a template: a copy
 * of its tree with its charts and sparks drawn and the row's values in its fields (text nodes,
 * so escaped by construction), serialized once. The model's tree is never changed: a batch
 * renders the same brief for every row.
 */
export async function writePart(tree: Root, context: PartContext): Promise<string> {
  return toHtml(await filledTree(tree, context));
}

/** A copy of `tree` with its slots filled (the tree itself when it has none). */
export async function filledTree(tree: Root, context: PartContext): Promise<Root> {
  if (!hasSlot(tree)) return tree;
  const copy = structuredClone(tree);
  const pending: Promise<void>[] = [];
  visit(copy, 'element', (node) => {
    const slot = slotOf(node);
    if (!slot) return undefined;
    if (slot.kind === 'field') {
      if (context.row) filledSlot(node, [fieldText(context.row[slot.name] ?? '', context.lang)]);
      return SKIP;
    }
    const drawing = context.draw?.(slot);
    // A drawing is shared by every part that shows it: it is only read, never changed.
    if (drawing) pending.push(drawing.then((svg) => filledSlot(node, [svg])));
    return SKIP;
  });
  await Promise.all(pending);
  return copy;
}

/** A part that may be absent. */
export async function writeOptional(
  tree: Root | undefined,
  context: PartContext,
): Promise<string | undefined> {
  return tree ? writePart(tree, context) : undefined;
}

function fieldText(value: string, lang: string): ElementContent {
  return { type: 'text', value: fieldValue(value, lang) };
}

function hasSlot(tree: Root): boolean {
  let found = false;
  visit(tree, 'element', (node) => {
    if (slotOf(node)) found = true;
    return found ? false : undefined;
  });
  return found;
}
