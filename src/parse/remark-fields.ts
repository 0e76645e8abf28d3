import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { formatDate } from '../format.js';
import { didYouMean } from '../nearest.js';
import { contentError } from './messages.js';

export interface FieldsOptions {
  /** The batch data's columns; undefined when the brief has no `batch:`. */
  columns: readonly string[] | undefined;
}

/**
 * `:field[delegation]` is a value of the batch row being built. The model keeps a placeholder;
 * each row's outputs get their own value (escaped) when they are rendered.
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
      node.data = {
        hName: 'span',
        // Encoded, so a name with `&` or `"` survives HTML serialization unchanged.
        hProperties: { className: ['bk-field'], dataField: encodeURIComponent(name) },
        hChildren: [],
      };
    });
  };
}

const placeholder = /<span class="bk-field" data-field="([^"]+)"><\/span>/g;

/** Puts a batch row's values into rendered HTML; ISO dates are written as the language writes dates. */
export function fillFields(
  html: string,
  row: Readonly<Record<string, string>> | undefined,
  lang: string,
): string {
  if (!row) return html;
  return html.replace(placeholder, (_, name: string) => {
    const value = row[decodeURIComponent(name)] ?? '';
    const isDate = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
    return `<span class="bk-field">${escapeHtml(isDate ? formatDate(value, lang) : value)}</span>`;
  });
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
