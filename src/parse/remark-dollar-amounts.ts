import type { PhrasingContent, Root, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

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
      // One text node again, so later plugins see `$5 and $10` whole.
      const siblings = parent.children as PhrasingContent[];
      siblings[index] = { type: 'text', value: written, position: node.position };
      let first = index;
      while (siblings[first - 1]?.type === 'text') first--;
      let last = index + 1;
      while (siblings[last]?.type === 'text') last++;
      const run = siblings.slice(first, last) as Text[];
      const from = run[0]?.position?.start;
      const to = run.at(-1)?.position?.end;
      siblings.splice(first, last - first, {
        type: 'text',
        value: run.map((part) => part.value).join(''),
        ...(from && to ? { position: { start: from, end: to } } : {}),
      });
      return [SKIP, first + 1];
    });
  };
}
