import type { Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Runs after remark-github-blockquote-alert (GitHub's `> [!NOTE]` … alerts as callouts): drops
 * its inline SVG icon, since a brief's sanitizer allows no SVG from content and the title word
 * already says the kind.
 */
export default function remarkAlertIcons() {
  return (tree: Root) => {
    visit(tree, 'emphasis', (node, index, parent) => {
      if (node.data?.hName !== 'svg' || !parent || index === undefined) return;
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
  };
}
