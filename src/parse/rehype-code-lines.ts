import type { Element, ElementContent, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Splits each `<pre><code>` into one `<span class="bk-line">` per source line, carrying the
 * highlighter's spans across line ends. A line is a block of its own, so one that wraps gets a
 * hanging indent and a continuation mark on each of its wrapped parts (brief.css).
 */
export default function rehypeCodeLines() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'pre') return;
      const code = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'code',
      );
      if (!code) return;
      const lines = splitLines(code.children);
      // The final newline ends the last line; it does not start an empty one.
      const last = lines.at(-1);
      if (lines.length > 1 && last && last.every((child) => isBlank(child))) lines.pop();
      code.children = lines.map((children) => ({
        type: 'element',
        tagName: 'span',
        properties: { className: ['bk-line'] },
        children,
      }));
      // Each line is a block; the newline characters between them stay, so copied text keeps
      // its line ends and an empty line keeps its height.
      for (const line of code.children.slice(0, -1) as Element[])
        line.children.push({ type: 'text', value: '\n' });
    });
  };
}

const isBlank = (node: ElementContent): boolean =>
  node.type === 'text'
    ? node.value === ''
    : node.type === 'element' && node.children.every(isBlank);

/** The children as lines: text split at `\n`, elements cloned into each line they span. */
function splitLines(children: readonly ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]];
  const current = () => lines[lines.length - 1] as ElementContent[];
  for (const child of children) {
    if (child.type === 'text') {
      const parts = child.value.split('\n');
      parts.forEach((part, index) => {
        if (index > 0) lines.push([]);
        if (part !== '') current().push({ type: 'text', value: part } satisfies Text);
      });
    } else if (child.type === 'element') {
      splitLines(child.children).forEach((inner, index) => {
        if (index > 0) lines.push([]);
        if (inner.length > 0) current().push({ ...child, children: inner });
      });
    } else {
      current().push(child);
    }
  }
  return lines;
}
