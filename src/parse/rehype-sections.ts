import { slug } from 'github-slugger';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { headingDepth, sectionLevel } from '../section-level.js';

/**
 * Groups the document by its main heading level (H2 in a brief; see section-level.ts) into
 * `<section id=…>` elements. What precedes the first such heading stays at the top level
 * (summary, lead), and the footnotes section stays apart for the model to place.
 */
export default function rehypeSections() {
  return (tree: Root) => {
    const slugs = new Map<string, number>();
    const children: RootContent[] = [];
    let current: Element | undefined;
    const level = sectionLevel(
      tree.children.flatMap((child) =>
        child.type === 'element' ? (headingDepth(child.tagName) ?? []) : [],
      ),
    );
    for (const child of tree.children) {
      const isFootnotes =
        child.type === 'element' &&
        child.tagName === 'section' &&
        'dataFootnotes' in child.properties;
      if (child.type === 'element' && headingDepth(child.tagName) === level && !isFootnotes) {
        // An id the writer gave (`## Method {#sec-method}`, prefixed by the sanitizer) is kept.
        const written = child.properties.id;
        const id =
          typeof written === 'string' && written.startsWith('user-content-')
            ? written.slice('user-content-'.length)
            : uniqueSlug(toString(child), slugs);
        child.properties.id = id;
        current = {
          type: 'element',
          tagName: 'section',
          // The level travels with the section: its sub-sections are one level below.
          properties: { className: ['bk-section'], id: `section-${id}`, dataLevel: level },
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
      .replace(/^-|-$/g, '') ||
    // Headings in other scripts (Greek, Arabic, Chinese) get GitHub's slug, as links write them.
    slug(text) ||
    'section';
  const count = seen.get(base) ?? 0;
  seen.set(base, count + 1);
  return count === 0 ? base : `${base}-${count + 1}`;
}
