import type { PhrasingContent, Root } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { mergeTextRun } from './merge-text-run.js';

/**
 * Dollar amounts are text: remark-math reads `between $5 and $10` as the formula `5 and `.
 * Pandoc's rule decides instead: inline math has no space just inside its dollars and its
 * closing `$` is not followed by a digit. Anything else goes back to the text it was written as.
 */
export default function remarkDollarAmounts() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, 'inlineMath', (node, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (!parent || index === undefined || start === undefined || end === undefined) return;
      const written = source.slice(start, end);
      if (!/^\$[^$]/.test(written)) return; // `$$…$$` inline is always math
      if (!/^\s|\s$/.test(node.value) && !/^\d/.test(source.slice(end, end + 1))) return;
      const first = mergeTextRun(parent.children as PhrasingContent[], index, {
        type: 'text',
        value: written,
        position: node.position,
      });
      return [SKIP, first + 1];
    });
  };
}
