import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/**
 * A slide's body as a tree. The deck model still carries sanitized HTML; when it carries hast
 * (the tree-model work), this becomes the identity.
 */
export function slideTree(html: string): Root {
  return fromHtml(html, { fragment: true });
}
