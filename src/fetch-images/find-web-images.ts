import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** One web address an image of the Markdown names, and where in the text it is written. */
export interface WebImage {
  url: string;
  /** Offsets of the address itself in the text, so a rewrite touches nothing else. */
  start: number;
  end: number;
}

const webAddress = /^https?:\/\//i;

/**
 * The web images of a Markdown text, as the build sees them: `![alt](url)`, reference
 * definitions that an image uses, and `<img src>` / `srcset` in HTML blocks. Code blocks and
 * ordinary links are not images and are left alone.
 */
export function findWebImages(text: string): WebImage[] {
  const tree = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .parse(text) as Root;
  const found: WebImage[] = [];
  const referenced = new Set<string>();
  visit(tree, 'imageReference', (node) => void referenced.add(node.identifier));
  const within = (node: Nodes, url: string) => {
    const from = node.position?.start.offset;
    const to = node.position?.end.offset;
    if (from === undefined || to === undefined) return;
    // The address as written: the last occurrence in the node's source (after `](`).
    const at = text.slice(from, to).lastIndexOf(url);
    if (at >= 0) found.push({ url, start: from + at, end: from + at + url.length });
  };
  visit(tree, (node) => {
    if (node.type === 'image' && webAddress.test(node.url)) within(node, node.url);
    else if (
      node.type === 'definition' &&
      referenced.has(node.identifier) &&
      webAddress.test(node.url)
    )
      within(node, node.url);
    else if (node.type === 'html') {
      const from = node.position?.start.offset;
      if (from === undefined) return;
      const attribute = /<(?:img|source)\b[^>]*?\b(src|srcset)\s*=\s*(["'])([^"']*)\2/gi;
      for (const match of node.value.matchAll(attribute)) {
        const value = match[3] ?? '';
        const valueStart = from + (match.index ?? 0) + match[0].length - 1 - value.length;
        // `srcset` holds candidates `url 2x, url 400w`: each address on its own.
        for (const candidate of value.matchAll(/[^\s,]+/g)) {
          const url = candidate[0];
          if (webAddress.test(url))
            found.push({
              url,
              start: valueStart + (candidate.index ?? 0),
              end: valueStart + (candidate.index ?? 0) + url.length,
            });
        }
      }
    }
  });
  return found.sort((a, b) => a.start - b.start);
}
