import type { Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Page breaks written as raw HTML for other tools: `style="page-break-after: always"` (or
 * `break-before: page`) becomes a class, since sanitizing drops every `style` attribute; so does
 * a list's `list-style-type: none` (on a div around it). The
 * classes `page-break`, `pagebreak` and `new-page` are kept as they are and styled by the theme.
 * Runs before rehype-sanitize.
 */
export default function rehypePageBreaks() {
  return (tree: Root) => {
    // A list written without markers (`list-style-type: none`, as sites number their footnotes
    // by hand) keeps none: it goes in a div whose class says so (GitHub's schema, which the
    // sanitizer follows, allows no class on a list but its task-list one).
    visit(tree, 'element', (node, index, parent) => {
      const style = node.properties.style;
      if (!parent || index === undefined || !/^[ou]l$/.test(node.tagName)) return;
      if (typeof style !== 'string' || !/list-style(?:-type)?\s*:\s*none/i.test(style)) return;
      parent.children[index] = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['bk-list-unmarked'] },
        children: [node],
      };
      return SKIP;
    });
    visit(tree, 'element', (node) => {
      const style = node.properties.style;
      if (typeof style !== 'string') return;
      const classes: string[] = [];
      for (const [, side] of style.matchAll(
        /(?:page-)?break-(before|after)\s*:\s*(?:always|page)/gi,
      ))
        classes.push(`bk-page-break-${(side ?? '').toLowerCase()}`);
      if (classes.length === 0) return;
      const existing = node.properties.className;
      node.properties.className = [...(Array.isArray(existing) ? existing : []), ...classes];
    });
  };
}
