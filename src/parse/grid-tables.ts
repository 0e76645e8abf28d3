import type { AlignType, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { Node } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** A grid table's border: `+----+:---:+`, or under the header `+====+====+`. */
const border = /^( {0,3})\+(?:[-=:]+\+)+[ \t]*$/;

interface GridTable {
  /** Each row's cells, as Markdown, and the line (1-based) and column where each cell starts. */
  rows: { text: string; line: number; column: number }[][];
  header: boolean;
  align: AlignType[];
}

const placeholder = (index: number) => `<!--bk-grid-table-${index}-->`;
const placeholderPattern = /^<!--bk-grid-table-(\d+)-->$/;

/**
 * Pandoc's and Quarto's grid tables (`+---+---+` borders, `|` between cells, `+===+` under the
 * header) are not CommonMark: their lines printed as a paragraph of pipes and dashes. Each one
 * outside code, with every row's `|` under its border's `+` (no spanned cells), is cut into its
 * cells here, before parsing, and its lines are left as one placeholder comment and blank lines,
 * so every line after it keeps its number; remarkGridTables puts a table in its place, each cell
 * parsed as Markdown (a cell may hold paragraphs, lists or code). Tables it cannot read stay as
 * written.
 */
export function rewriteGridTables(file: VFile): void {
  const source = String(file.value);
  if (!/^ {0,3}\+-[-:]*\+/m.test(source)) return;
  const kept: [number, number][] = [];
  visit(unified().use(remarkParse).parse(source), (node) => {
    if ((node.type === 'code' || node.type === 'html') && node.position)
      kept.push([node.position.start.line, node.position.end.line]);
  });
  const inCode = (line: number) => kept.some(([start, end]) => line >= start && line <= end);
  const lines = source.split('\n');
  const tables: GridTable[] = [];
  for (let index = 0; index < lines.length; index++) {
    const first = lines[index] ?? '';
    if (!border.test(first) || first.includes('=') || inCode(index + 1)) continue;
    const read = readTable(lines, index);
    if (!read) continue;
    const [table, end] = read;
    lines[index] = placeholder(tables.length);
    for (let blank = index + 1; blank <= end; blank++) lines[blank] = '';
    tables.push(table);
    index = end;
  }
  if (tables.length === 0) return;
  file.value = lines.join('\n');
  file.data.gridTables = tables;
}

/** The table starting at `start`, and its last line's index; undefined if it is not one. */
function readTable(lines: readonly string[], start: number): [GridTable, number] | undefined {
  const first = (lines[start] ?? '').trimEnd();
  const bounds = [...first].flatMap((character, at) => (character === '+' ? [at] : []));
  if (bounds.length < 2) return undefined;
  const rows: GridTable['rows'] = [];
  let header = false;
  let align = alignments(first, bounds);
  let rowLines: number[] = [];
  for (let index = start + 1; index < lines.length; index++) {
    const line = (lines[index] ?? '').trimEnd();
    if (border.test(line)) {
      if (!sameBounds(line, bounds)) return undefined;
      if (rowLines.length === 0) return undefined;
      rows.push(cells(lines, rowLines, bounds));
      rowLines = [];
      if (line.includes('=')) {
        if (header || rows.length !== 1) return undefined;
        header = true;
        align = alignments(line, bounds);
      }
      // A blank line or the end of the text after a border ends the table.
      const next = lines[index + 1] ?? '';
      if (!next.trimStart().startsWith('|')) return [{ rows, header, align }, index];
      continue;
    }
    // Every line of a row has its `|` under each `+` of the border: no spanned cells.
    if (!bounds.every((at) => line[at] === '|')) return undefined;
    rowLines.push(index);
  }
  return undefined;
}

const sameBounds = (line: string, bounds: readonly number[]): boolean =>
  [...line].flatMap((character, at) => (character === '+' ? [at] : [])).join() === bounds.join();

function alignments(line: string, bounds: readonly number[]): AlignType[] {
  return bounds.slice(1).map((end, column) => {
    const rule = line.slice((bounds[column] ?? 0) + 1, end);
    const left = rule.startsWith(':');
    const right = rule.endsWith(':');
    return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
  });
}

/** One row's cells: each column's text on every line of the row, its common indent removed. */
function cells(
  lines: readonly string[],
  rowLines: readonly number[],
  bounds: readonly number[],
): GridTable['rows'][number] {
  return bounds.slice(1).map((end, column) => {
    const from = (bounds[column] ?? 0) + 1;
    const parts = rowLines.map((index) => (lines[index] ?? '').slice(from, end).trimEnd());
    const margin = Math.min(
      ...parts
        .filter((part) => part.trim() !== '')
        .map((part) => part.length - part.trimStart().length),
    );
    const cut = Number.isFinite(margin) ? margin : 0;
    return {
      text: parts
        .map((part) => part.slice(cut))
        .join('\n')
        .trim(),
      line: (rowLines[0] ?? 0) + 1,
      column: from + cut + 1,
    };
  });
}

/**
 * Puts each grid table read by rewriteGridTables where its placeholder stands: an mdast table
 * whose cells are parsed with this processor's own syntax, positions moved to where each cell
 * was written (offsets dropped: the cell text is no longer in the file).
 */
export function remarkGridTables(this: Processor) {
  // eslint-disable-next-line @typescript-eslint/no-this-alias -- the processor parses the cells.
  const processor = this;
  return (tree: Root, file: VFile) => {
    const tables = file.data.gridTables;
    if (!tables) return;
    visit(tree, 'html', (node, index, parent) => {
      const match = placeholderPattern.exec(node.value.trim());
      const table = match ? tables[Number(match[1])] : undefined;
      if (!table || !parent || index === undefined) return;
      const rows: TableRow[] = table.rows.map((row) => ({
        type: 'tableRow',
        children: row.map((cell) => tableCell(processor, cell)),
      }));
      const result: Table = { type: 'table', align: table.align, children: rows };
      if (node.position) result.position = node.position;
      parent.children[index] = result as RootContent;
    });
  };
}

function tableCell(processor: Processor, cell: GridTable['rows'][number][number]): TableCell {
  const parsed = processor.parse(cell.text) as Root;
  visit(parsed, (node: Node) => {
    const place = node.position;
    if (!place) return;
    for (const point of [place.start, place.end]) {
      point.column += cell.column - 1;
      point.line += cell.line - 1;
      delete point.offset;
    }
  });
  // A cell of one paragraph holds its words, as a GFM table's cells do.
  const only = parsed.children.length === 1 ? parsed.children[0] : undefined;
  const children = only?.type === 'paragraph' ? only.children : parsed.children;
  return { type: 'tableCell', children: children as TableCell['children'] };
}

declare module 'vfile' {
  interface DataMap {
    /** Grid tables cut into cells before parsing, by placeholder number. */
    gridTables: GridTable[];
  }
}
