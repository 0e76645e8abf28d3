import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/**
 * A fence that opens a Pandoc div or a markdown-it container: `::: {.callout-note}`, `::: tip`,
 * also at the start of a list item (`- ::: pad`, as Quarto's list-tables write cells).
 */
const opening =
  /^([ \t]*(?:>[ \t]*|(?:[-*+]|\d{1,9}[.)])[ \t]+)*)(:{3,})[ \t]+(\{[^}\n]*\}|[A-Za-z][\w-]*)([^\n]*)$/gm;

/**
 * Pandoc's fenced divs and markdown-it's containers differ from remark-directive's containers
 * only in their opening line: a space after the colons, attributes without a name, a title as
 * free text, trailing colons. This rewrites each such line, outside code, into the directive
 * form at the same length (`::: {.x}` → `:::d{.x}`, `::: tip Title` → `:::tip[Title]`), so
 * remark-directive parses the blocks and every later line and column stays where it was written.
 * The rewritten lines are listed in `file.data.fencedDivLines` for remark-fenced-divs.
 */
export function rewriteFencedDivs(file: VFile): void {
  const source = String(file.value);
  if (!/^(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*:{3,}[ \t]+[{A-Za-z]/m.test(source)) return;
  // Lines inside code or raw HTML are left as written.
  const kept: [number, number][] = [];
  visit(unified().use(remarkParse).parse(source), (node) => {
    if ((node.type === 'code' || node.type === 'html') && node.position)
      kept.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
  });
  const lines = new Set<number>();
  const rewritten = source.replace(
    opening,
    (line: string, indent: string, _colons: string, head: string, rest: string, at: number) => {
      if (kept.some(([start, end]) => at >= start && at < end)) return line;
      lines.add(source.slice(0, at).split('\n').length);
      const title = head.startsWith('{') ? '' : rest.replace(/:+\s*$/, '').trim();
      const written = head.startsWith('{')
        ? `${indent}:::d${head}`
        : `${indent}:::${head}${title ? `[${title.replace(/[[\]]/g, '\\$&')}]` : ''}`;
      // Never longer than the line (three colons and a space at least became three colons and
      // one letter); padded to its length. Escaped brackets may not fit: then no title.
      const fitted = written.length <= line.length ? written : `${indent}:::${head}`;
      return fitted.padEnd(line.length, ' ');
    },
  );
  if (lines.size === 0) return;
  file.value = rewritten;
  file.data.fencedDivLines = lines;
}

declare module 'vfile' {
  interface DataMap {
    /** Lines (1-based) whose fenced-div opening was rewritten for remark-directive. */
    fencedDivLines: Set<number>;
  }
}
