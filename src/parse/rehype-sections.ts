import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * Groups the document by H2 into `<section id=…>` elements. What precedes the first H2 stays at
 * the top level (summary, lead), and the footnotes section stays apart for the model to place.
 */
export default function rehypeSections() {
  return (tree: Root) => {
    const slugs = new Map<string, number>();
    const children: RootContent[] = [];
    let current: Element | undefined;
    for (const child of tree.children) {
      const isFootnotes =
        child.type === 'element' &&
        child.tagName === 'section' &&
        'dataFootnotes' in child.properties;
      if (child.type === 'element' && child.tagName === 'h2' && !isFootnotes) {
        const id = uniqueSlug(toString(child), slugs);
        child.properties.id = id;
        current = {
          type: 'element',
          tagName: 'section',
          properties: { className: ['bk-section'], id: `section-${id}` },
          children: [],
          position: child.position,
        };
        children.push(current);
      }
      if (current && !isFootnotes) current.children.push(child as ElementContent);
      else children.push(child);
    }
    tree.children = children;
  };
}

function uniqueSlug(text: string, seen: Map<string, number>): string {
  const base =
    text
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section';
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}-${count + 1}`;
}
