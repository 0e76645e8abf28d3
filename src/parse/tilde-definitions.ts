import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** A definition opened by a tilde, under its term (Pandoc's and markdown-it-deflist's other marker). */
const tildeLine = /^( {0,3})~([ \t]+\S)/;

/**
 * Pandoc and markdown-it-deflist open a definition with `:` or `~`; remark-definition-list knows
 * only the colon, so `Term` then `  ~ Definition` printed its tilde. Each such line under a term
 * (the line above, or the one above a blank line, has text) gets a colon in the tilde's place, at
 * the same column, before parsing; lines in code or raw HTML stay as written.
 */
export function rewriteTildeDefinitions(file: VFile): void {
  const source = String(file.value);
  if (!/^ {0,3}~[ \t]+\S/m.test(source)) return;
  const kept: [number, number][] = [];
  visit(unified().use(remarkParse).parse(source), (node) => {
    if ((node.type === 'code' || node.type === 'html') && node.position)
      kept.push([node.position.start.line, node.position.end.line]);
  });
  const lines = source.split('\n');
  let changed = false;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const match = tildeLine.exec(line);
    if (!match) continue;
    const number = index + 1;
    if (kept.some(([start, end]) => number >= start && number <= end)) continue;
    const above = lines[index - 1]?.trim() ? lines[index - 1] : lines[index - 2];
    if (!above?.trim()) continue;
    lines[index] = `${match[1]}:${line.slice((match[1] ?? '').length + 1)}`;
    changed = true;
  }
  if (changed) file.value = lines.join('\n');
}
