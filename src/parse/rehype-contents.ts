import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { tocMarker } from './remark-attribute-lists.js';

/**
 * A contents list of the sections, where kramdown's `{:toc}` stands, or before the first
 * section when the front matter says `toc: true`. Marked as a block (`data-block="toc"`) so the
 * deck, which has its agenda, leaves it out.
 */
export default function rehypeContents(options: { toc: boolean; title: string }) {
  return (tree: Root) => {
    const sections = tree.children.filter(
      (node): node is Element =>
        node.type === 'element' &&
        node.tagName === 'section' &&
        (node.properties.className as string[] | undefined)?.includes('bk-section') === true,
    );
    const items: ElementContent[] = sections.flatMap((section) => {
      const heading = section.children.find(
        (child): child is Element => child.type === 'element' && /^h[1-6]$/.test(child.tagName),
      );
      if (!heading || typeof heading.properties.id !== 'string') return [];
      const link: Element = {
        type: 'element',
        tagName: 'a',
        properties: { href: `#${heading.properties.id}` },
        children: [{ type: 'text', value: toString(heading) }],
      };
      return [{ type: 'element', tagName: 'li', properties: {}, children: [link] }];
    });
    const contents = (): Element => ({
      type: 'element',
      tagName: 'nav',
      properties: { className: ['bk-toc'], dataBlock: 'toc', ariaLabel: options.title },
      children: [
        {
          type: 'element',
          tagName: 'p',
          properties: { className: ['bk-toc-title'] },
          children: [{ type: 'text', value: options.title }],
        },
        { type: 'element', tagName: 'ol', properties: {}, children: items },
      ],
    });
    let placed = false;
    const replace = (parent: Root | Element) => {
      parent.children = parent.children.map((child) => {
        if (child.type !== 'element') return child;
        if ((child.properties.className as string[] | undefined)?.includes(tocMarker)) {
          placed = true;
          return contents();
        }
        replace(child);
        return child;
      }) as typeof parent.children;
    };
    replace(tree);
    if (placed || !options.toc || items.length === 0) return;
    const first = tree.children.findIndex((node) => sections.includes(node as Element));
    tree.children.splice(first === -1 ? tree.children.length : first, 0, contents());
  };
}
