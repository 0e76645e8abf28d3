import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { didYouMean } from '../nearest.js';
import { fieldSlot } from '../slots.js';
import { contentError } from '../messages.js';

export interface FieldsOptions {
  /** The batch data's columns; undefined when the brief has no `batch:`. */
  columns: readonly string[] | undefined;
}

/**
 * `:field[delegation]` is a value of the batch row being built. The tree keeps a slot for it;
 * each row's outputs get their own value when they are rendered (src/render/write-part.ts).
 */
export default function remarkFields(options: FieldsOptions) {
  return (tree: Root, file: VFile) => {
    visit(tree, 'textDirective', (node) => {
      if (node.name !== 'field') return;
      const name = toString(node).trim();
      if (!options.columns) {
        contentError(
          file,
          '`:field[…]` needs a `batch:` data file in the front matter',
          node,
          'field-without-batch',
        );
        return;
      }
      if (!options.columns.includes(name)) {
        contentError(
          file,
          `Unknown batch column \`${name}\`${didYouMean(name, options.columns)}`,
          node,
          'unknown-field',
        );
        return;
      }
      const slot = fieldSlot(name);
      node.data = { hName: slot.tagName, hProperties: slot.properties, hChildren: [] };
    });
  };
}
