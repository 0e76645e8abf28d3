import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { nearest } from '../nearest.js';
import { contentWarning } from '../messages.js';

/** Anchors the brief template adds around the content (summary box, panels, numbered sources). */
const templateAnchors = new Set([
  'summary-heading',
  'key-figures-heading',
  'footnotes-heading',
  'chart-data-heading',
  'sources-heading',
]);

/**
 * A link to a place in the brief (`[see](#trade-and-investment)`) must arrive somewhere: a
 * section (its heading, lower-cased, with hyphens), a footnote, an anchor written in the content,
 * or one of the template's anchors. Runs after sections get their ids and fragment links their
 * prefixes, so it checks the ids the document really has.
 *
 * One that arrives nowhere is a warning, as in MkDocs and Sphinx (`--strict` makes it an error):
 * a document written for another tool links to anchors that tool made, and a whole document is
 * not refused for a link. It prints as its text, not as a link that goes nowhere.
 */
export default function rehypeLinkTargets() {
  return (tree: Root, file: VFile) => {
    const ids = new Set<string>();
    const sections: string[] = [];
    visit(tree, 'element', (node) => {
      const id = node.properties.id;
      if (typeof id !== 'string') return;
      ids.add(id);
      if (/^h[1-6]$/.test(node.tagName) && !id.startsWith('user-content-')) sections.push(id);
    });
    visit(tree, 'element', (node) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      if (href.length === 1) return;
      const target = safeDecode(href.slice(1));
      if (ids.has(target) || templateAnchors.has(target) || /^source-\d+$/.test(target)) return;
      const written = target.replace(/^user-content-/, '');
      const match = nearest(written, sections);
      const hint = match
        ? `; did you mean \`#${match}\`?`
        : sections.length > 0
          ? ` (sections: ${sections.map((id) => `#${id}`).join(', ')})`
          : '';
      node.tagName = 'span';
      delete node.properties.href;
      contentWarning(
        file,
        `Link to \`#${written}\` goes nowhere: no section or anchor has that id${hint}`,
        node,
        'link-target',
      );
    });
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
