import type { FootnoteDefinition, Parent, PhrasingContent, Root } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Pandoc's inline footnotes, `text^[the note]`: micromark has no extension for them (GFM's
 * footnotes are `[^1]` with a definition), and undefined brackets stay text, so each `^[…]` run
 * (brackets balanced, markup inside kept) becomes a GFM footnote reference and definition,
 * numbered with the others in reading order.
 */
export default function remarkInlineFootnotes() {
  return (tree: Root) => {
    const definitions: FootnoteDefinition[] = [];
    visit(tree, (node) => {
      if (!('children' in node) || node.type === 'footnoteDefinition') return;
      const parent = node as Parent;
      for (let index = 0; index < parent.children.length; index++) {
        const start = parent.children[index];
        if (start?.type !== 'text') continue;
        const open = start.value.indexOf('^[');
        if (open === -1) continue;
        const found = closing(parent.children as PhrasingContent[], index, open + 2);
        if (!found) continue;
        const [endIndex, endOffset] = found;
        const end = parent.children[endIndex] as { value: string };
        const content: PhrasingContent[] = [];
        if (endIndex === index) {
          content.push({ type: 'text', value: start.value.slice(open + 2, endOffset) });
        } else {
          content.push({ type: 'text', value: start.value.slice(open + 2) });
          content.push(...(parent.children.slice(index + 1, endIndex) as PhrasingContent[]));
          content.push({ type: 'text', value: end.value.slice(0, endOffset) });
        }
        const identifier = `bk-inline-${definitions.length + 1}`;
        definitions.push({
          type: 'footnoteDefinition',
          identifier,
          label: identifier,
          children: [{ type: 'paragraph', children: content.filter(nonEmpty) }],
        });
        const after = end.value.slice(endOffset + 1);
        const replacement = (
          [
            { type: 'text', value: start.value.slice(0, open) },
            { type: 'footnoteReference', identifier, label: identifier },
            { type: 'text', value: after },
          ] satisfies PhrasingContent[]
        ).filter(nonEmpty);
        parent.children.splice(index, endIndex - index + 1, ...(replacement as never[]));
        // Looked at again from the reference: the text after it may hold another note.
      }
    });
    tree.children.push(...definitions);
  };
}

const nonEmpty = (node: PhrasingContent) => node.type !== 'text' || node.value !== '';

/** Where the `]` that closes a `^[` opened at `from` in `children[index]` stands, brackets balanced. */
function closing(
  children: readonly PhrasingContent[],
  index: number,
  from: number,
): [number, number] | undefined {
  let depth = 1;
  for (let at = index; at < children.length; at++) {
    const child = children[at];
    if (child?.type !== 'text') continue;
    for (let offset = at === index ? from : 0; offset < child.value.length; offset++) {
      const character = child.value[offset];
      if (character === '[') depth++;
      else if (character === ']' && --depth === 0) return [at, offset];
    }
  }
  return undefined;
}
