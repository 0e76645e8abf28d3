import type { Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { contentWarning } from '../messages.js';
import { allowedTags } from './sanitize-schema.js';

/**
 * Raw HTML that sanitizing will drop is named first, so the writer learns why it vanished:
 * scripts, event handlers, frames and the like. Runs before rehype-sanitize.
 */
export default function rehypeUnsafe() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'element', (node) => {
      if (node.tagName === 'style') {
        // Written for another tool's look (md-to-pdf, Markdown Preview): the theme sets the look.
        file.info('Ignored `<style>`: the theme sets the look of a brief', {
          place: node.position,
          ruleId: 'unsafe-html',
          source: 'briefkit',
        });
      } else if (!allowedTags.has(node.tagName)) {
        contentWarning(
          file,
          `Removed \`<${node.tagName}>\`: raw HTML of this kind is not allowed in a brief`,
          node,
          'unsafe-html',
        );
      }
      for (const key of Object.keys(node.properties)) {
        if (/^on/i.test(key)) {
          contentWarning(
            file,
            `Removed \`${key.toLowerCase()}\` from \`<${node.tagName}>\`: content never runs scripts`,
            node,
            'unsafe-html',
          );
        }
      }
    });
  };
}
