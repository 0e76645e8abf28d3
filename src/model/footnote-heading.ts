import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** The id of the notes' heading in every template (brief.hbs and a user's own). */
const templateHeading = 'footnotes-heading';

/**
 * remark-rehype titles the footnotes with a hidden heading of its own, but the templates title
 * them: a screen reader would meet "Notes" twice. The hidden heading goes, and the references
 * that are described by it point at the template's instead.
 */
export function dropFootnoteHeading(tree: Root, footnotes: Element): Element['children'] {
  const heading = footnotes.children.find(
    (node): node is Element => node.type === 'element' && /^h\d$/.test(node.tagName),
  );
  if (!heading) return footnotes.children;
  const id = String(heading.properties.id ?? '');
  visit(tree, 'element', (node) => {
    const ids = node.properties.ariaDescribedBy;
    if (Array.isArray(ids) && ids.includes(id))
      node.properties.ariaDescribedBy = ids.map((each) => (each === id ? templateHeading : each));
  });
  return footnotes.children.filter((node) => node !== heading);
}
