import type { Paragraph, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';

/** Pandoc's table caption: `: Caption` or `Table: Caption`, attributes (`{tbl-colwidths=…}`) last. */
const marker = /^(?:Table)?:[ \t]+/;
const attributes = /[ \t]*\{[^{}]*\}[ \t]*$/;

/**
 * A paragraph right after a table (or right before it) that opens with `: ` or `Table: ` is that
 * table's caption in Pandoc and Quarto: it prints as a caption, without its marker or its
 * attributes, and a caption that was only attributes (`: {tbl-colwidths="[50, 50]"}`) goes.
 */
export default function remarkTableCaptions() {
  return (tree: Root) => {
    visit(tree, 'table', (_table, index, parent) => {
      if (!parent || index === undefined) return;
      for (const at of [index + 1, index - 1]) {
        const node = parent.children[at];
        if (node?.type !== 'paragraph' || !marker.test(toString(node))) continue;
        if (trimCaption(node)) node.data = { hProperties: { className: ['bk-table-caption'] } };
        else parent.children.splice(at, 1);
        return;
      }
    });
  };
}

/** Takes the marker off the first text and the attributes off the last; whether words remain. */
function trimCaption(node: Paragraph): boolean {
  const first = node.children[0];
  if (first?.type === 'text') first.value = first.value.replace(marker, '');
  const last = node.children.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(attributes, '');
  return toString(node).trim() !== '';
}
