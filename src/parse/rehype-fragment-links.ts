import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

const prefix = 'user-content-';

/**
 * Sanitizing prefixes ids written in content (`fn-1` → `user-content-fn-1`) so they cannot
 * clash with briefkit's own (`source-1`), but leaves links to them as written. This points each
 * in-document link at the prefixed id when that is the one that exists.
 */
export default function rehypeFragmentLinks() {
  return (tree: Root) => {
    const ids = new Set<string>();
    visit(tree, 'element', (node) => {
      if (typeof node.properties.id === 'string') ids.add(node.properties.id);
    });
    visit(tree, 'element', (node) => {
      const href = node.properties.href;
      if (node.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('#')) return;
      const target = decodeURIComponent(href.slice(1));
      if (!ids.has(target) && ids.has(prefix + target))
        node.properties.href = `#${prefix}${target}`;
    });
  };
}
