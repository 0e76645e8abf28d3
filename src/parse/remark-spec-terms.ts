import type { Link, PhrasingContent, Root } from 'mdast';
import { findAndReplace, type RegExpMatchObject } from 'mdast-util-find-and-replace';
import type { Point } from 'unist';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/**
 * The CommonMark and GFM specs' convention for defined terms: `[link label](@)` defines the
 * term where it is written, and `[link label]` or `[link labels]` anywhere else refers to it.
 * Their own build (tools/make_spec.lua) makes the definition an anchor whose id is the label in
 * lower case with runs of other characters as hyphens, and adds a reference definition for each
 * label and its plural, and takes headings as terms too. Here a definition prints as `<dfn id>` and each reference, which Markdown
 * left as bracketed text for want of a definition, becomes a link to it. A URL of `@` is never a
 * real link, so other documents are untouched.
 */
export default function remarkSpecTerms() {
  return (tree: Root) => {
    const terms = new Map<string, string>();
    visit(tree, 'link', (node: Link, index, parent) => {
      if (node.url !== '@' || !parent || index === undefined) return;
      const label = toString(node);
      const id = identifier(label);
      terms.set(normalize(label), id);
      parent.children[index] = {
        type: 'emphasis',
        position: node.position,
        children: node.children,
        data: { hName: 'dfn', hProperties: { id } },
      };
      return SKIP;
    });
    if (terms.size === 0) return;
    // Headings are terms too (`[above][List items]`), below the definitions.
    visit(tree, 'heading', (node) => {
      const label = normalize(toString(node));
      if (!terms.has(label)) terms.set(label, identifier(label));
    });
    // Plurals rank below the terms themselves, as in make_spec.lua.
    for (const [label, id] of [...terms]) {
      if (!label.endsWith('s') && !terms.has(`${label}s`)) terms.set(`${label}s`, id);
    }
    findAndReplace(
      tree,
      [
        // `[term]`, `[text][term]` or `[term][]`.
        /\[([^[\]]+)\](?:\[([^[\]]*)\])?(?!\()/g,
        (
          _: string,
          text: string,
          label: string | undefined,
          match: RegExpMatchObject,
        ): PhrasingContent | false => {
          const id = terms.get(normalize(label || text));
          if (id === undefined) return false;
          const link: Link = {
            type: 'link',
            url: `#${id}`,
            children: [{ type: 'text', value: text }],
          };
          const at = placeIn(match);
          if (at) link.position = { start: at, end: at };
          return link;
        },
      ],
      { ignore: ['link', 'linkReference', 'definition', 'heading'] },
    );
  };
}

/** make_spec.lua's `to_identifier`: lower case, each run of non-alphanumerics one hyphen. */
const identifier = (label: string): string =>
  label
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, '-');

/** A link label as CommonMark matches it: case-folded, inner whitespace collapsed. */
const normalize = (label: string): string => label.trim().replace(/\s+/g, ' ').toLowerCase();

/** Where a match starts in the file, counted from its text node (messages point at the term). */
function placeIn(match: RegExpMatchObject): Point | undefined {
  const start = match.stack.at(-1)?.position?.start;
  if (!start) return undefined;
  const before = match.input.slice(0, match.index).split('\n');
  const last = before.at(-1) ?? '';
  return before.length === 1
    ? { line: start.line, column: start.column + last.length }
    : { line: start.line + before.length - 1, column: last.length + 1 };
}
