import type { PhrasingContent, Text } from 'mdast';

/**
 * Puts `text` in place of the node at `index` and joins it with the text nodes around it into one,
 * so later plugins see what was written (`$5 and $10`, `hh:mm:ss`) whole. Returns the merged
 * node's index.
 */
export function mergeTextRun(siblings: PhrasingContent[], index: number, text: Text): number {
  siblings[index] = text;
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
  return first;
}
