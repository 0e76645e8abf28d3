import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Page breaks written as raw HTML for other tools: `style="page-break-after: always"` (or
 * `break-before: page`) becomes a class, since sanitizing drops every `style` attribute; so does
 * a list's `list-style-type: none`. The
 * classes `page-break`, `pagebreak` and `new-page` are kept as they are and styled by the theme.
 * Runs before rehype-sanitize.
 */
export default function rehypePageBreaks() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const style = node.properties.style;
      if (typeof style !== 'string') return;
      const classes: string[] = [];
      for (const [, side] of style.matchAll(
        /(?:page-)?break-(before|after)\s*:\s*(?:always|page)/gi,
      ))
        classes.push(`bk-page-break-${(side ?? '').toLowerCase()}`);
      // A list written without markers (`<ul style="list-style-type:none">`, as sites number
      // their footnotes by hand) keeps none: the sanitizer would give it its bullets back.
      if (/^[ou]l$/.test(node.tagName) && /list-style(?:-type)?\s*:\s*none/i.test(style))
        classes.push('bk-list-unmarked');
      if (classes.length === 0) return;
      const existing = node.properties.className;
      node.properties.className = [...(Array.isArray(existing) ? existing : []), ...classes];
    });
  };
}
