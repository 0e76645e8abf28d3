import { parse as parseCsv } from 'csv-parse/sync';
import { isMap, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { VFile } from 'vfile';
import { dictionaryOf } from './dictionary.js';
import { defaultLimits, limitKey, type Limits } from './limits.js';
import { readText } from './read-text.js';
import { resolveInside } from './resolve-inside.js';
import { fail } from './yaml-file.js';

export interface BatchSpec {
  data: string;
  key: string;
  label?: string | undefined;
}

/** One row: column name → text. A null-prototype record, so any column name is plain data. */
export type BatchRow = Readonly<Record<string, string>>;

export interface BatchData {
  columns: string[];
  rows: BatchRow[];
}

/**
 * A batch that cannot be used. `problem` is placed by the caller at `batch:` in the front matter;
 * `file` is the data file when the problems are inside it (fatal messages at their lines).
 */
export interface BatchProblem {
  problem: string;
  file?: VFile | undefined;
}

/** Row keys become folder names, so they are kept to safe, portable characters. */
const safeKey = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Names Windows reserves for devices, with any extension (`CON`, `lpt1.txt`). */
const reservedKey = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

interface RawRow {
  values: Record<string, string>;
  line: number;
}

/**
 * Reads a batch's rows (CSV with a header, or a YAML list of mappings) from the brief's folder.
 * Problems are returned, never thrown: the caller reports them at their place.
 */
export async function readBatch(
  dir: string,
  spec: BatchSpec,
  cwd = process.cwd(),
  limits: Limits = defaultLimits,
): Promise<BatchData | BatchProblem> {
  const found = resolveInside(dir, spec.data);
  if ('problem' in found)
    return {
      problem:
        found.problem === 'outside'
          ? `batch data \`${spec.data}\` is ${found.linked ? 'a link to a file ' : ''}outside the brief's folder`
          : `batch data \`${spec.data}\` does not exist`,
    };
  const path = found.path;
  const file = await readText(path, cwd, limits.fileSize);
  if (file.messages.some((message) => message.fatal))
    return { problem: `batch data \`${spec.data}\` cannot be read`, file };
  const rows = /\.csv$/i.test(spec.data) ? csvRows(file, limits.batchRows) : yamlRows(file, limits);
  if (!rows) return { problem: `batch data \`${spec.data}\` cannot be read`, file };
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row.values)))];
  if (!columns.includes(spec.key))
    return {
      problem: `batch key column \`${spec.key}\` is not in \`${spec.data}\` (it has ${columns.map((c) => `\`${c}\``).join(', ') || 'no columns'})`,
    };
  checkKeys(file, rows, spec.key);
  if (file.messages.some((message) => message.fatal))
    return { problem: `batch data \`${spec.data}\` has invalid keys`, file };
  return { columns, rows: rows.map((row) => row.values) };
}

function csvRows(file: VFile, maxRows: number): RawRow[] | undefined {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(String(file.value), {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      // The header, the rows allowed, and one more to tell that there are too many.
      to: maxRows + 2,
    }) as unknown as typeof records;
  } catch (cause) {
    const problem = cause as Error & { lines?: number };
    fail(
      file,
      `Malformed CSV: ${problem.message.split('\n')[0] ?? ''}`,
      { line: problem.lines ?? 1, column: 1 },
      'csv',
    );
    return undefined;
  }
  if (records.length > maxRows + 1) {
    tooManyRows(file, maxRows, records[maxRows + 1]?.info.lines ?? 1);
    return undefined;
  }
  const header = records[0]?.record ?? [];
  const headerLine = records[0]?.info.lines ?? 1;
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name))
      fail(file, `Column \`${name}\` is named twice`, { line: headerLine, column: 1 }, 'csv');
    seen.add(name);
  }
  if (file.messages.some((message) => message.fatal)) return undefined;
  return records.slice(1).map(({ record, info }) => ({
    values: dictionaryOf(header.map((name, index) => [name, record[index] ?? ''] as const)),
    line: info.lines,
  }));
}

function tooManyRows(file: VFile, maxRows: number, line: number): void {
  fail(
    file,
    `More than ${maxRows} rows (one document set each): split the batch, or raise \`${limitKey('batchRows')}\` in the config`,
    { line, column: 1 },
    'too-many',
  );
}

function yamlRows(file: VFile, limits: Limits): RawRow[] | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(String(file.value), { lineCounter, uniqueKeys: true });
  const lineOf = (offset: number | undefined) => lineCounter.linePos(offset ?? 0).line;
  for (const problem of doc.errors) {
    fail(
      file,
      `Malformed YAML: ${problem.message.split('\n')[0] ?? ''}`,
      { line: lineOf(problem.pos[0]), column: 1 },
      'yaml',
    );
  }
  if (doc.errors.length > 0) return undefined;
  if (!isSeq(doc.contents)) {
    fail(file, 'Batch data must be a list of rows', { line: 1, column: 1 }, 'batch');
    return undefined;
  }
  if (doc.contents.items.length > limits.batchRows) {
    const extra = doc.contents.items[limits.batchRows] as unknown as { range?: [number] } | null;
    tooManyRows(file, limits.batchRows, lineOf(extra?.range?.[0]));
    return undefined;
  }
  let values: unknown[];
  try {
    values = doc.toJS({ maxAliasCount: limits.yamlAliases }) as unknown[];
  } catch (cause) {
    // As stats.yaml's: at the first alias, with the limit to raise if they are meant.
    let firstAlias: number | undefined;
    visit(doc, {
      Alias(_, node) {
        firstAlias = node.range?.[0];
        return visit.BREAK;
      },
    });
    const place = lineCounter.linePos(firstAlias ?? 0);
    fail(
      file,
      `YAML aliases expand too far: ${(cause as Error).message.split('\n')[0] ?? ''} (raise \`limits.yamlAliases\` in the config if they are meant)`,
      { line: place.line, column: place.col },
      'yaml',
    );
    return undefined;
  }
  const rows: RawRow[] = [];
  for (const [index, item] of doc.contents.items.entries()) {
    const line = lineOf((item as unknown as { range?: [number] } | null)?.range?.[0]);
    const record = values[index];
    if (!isMap(item) || !record || typeof record !== 'object') {
      fail(file, 'Each row must be a mapping of `column: value`', { line, column: 1 }, 'batch');
      continue;
    }
    rows.push({
      values: dictionaryOf(
        Object.entries(record).map(([column, value]) => [
          column,
          value === null || value === undefined ? '' : String(value),
        ]),
      ),
      line,
    });
  }
  return file.messages.some((message) => message.fatal) ? undefined : rows;
}

/**
 * Keys name folders under the output folder: safe characters only, no device names, and no two
 * that are the same folder on a case-insensitive file system (macOS, Windows).
 */
function checkKeys(file: VFile, rows: readonly RawRow[], column: string): void {
  const seen = new Map<string, { key: string; line: number }>();
  for (const { values, line } of rows) {
    const key = values[column] ?? '';
    const place = { line, column: 1 };
    if (!safeKey.test(key)) {
      fail(
        file,
        `Key \`${key}\` must start with a letter or digit and use only letters, digits, '.', '_' or '-'`,
        place,
        'batch-key',
      );
    } else if (key.endsWith('.')) {
      fail(file, `Key \`${key}\` ends with '.', which Windows drops`, place, 'batch-key');
    } else if (reservedKey.test(key)) {
      fail(file, `Key \`${key}\` is a device name reserved on Windows`, place, 'batch-key');
    } else {
      const earlier = seen.get(key.toLowerCase());
      if (earlier) {
        const same =
          earlier.key === key
            ? 'is used twice'
            : `is the same folder as \`${earlier.key}\` on macOS and Windows`;
        fail(file, `Key \`${key}\` ${same} (line ${earlier.line})`, place, 'batch-key');
      } else {
        seen.set(key.toLowerCase(), { key, line });
      }
    }
  }
}
