import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

export interface BatchSpec {
  data: string;
  key: string;
  label?: string | undefined;
}

export type BatchRow = Readonly<Record<string, string>>;

export interface BatchData {
  columns: string[];
  rows: BatchRow[];
}

/** Row keys become folder names, so they are kept to safe, portable characters. */
const safeKey = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads a batch's rows (CSV with a header, or a YAML list of mappings) from the brief's folder.
 * Problems are returned as text for the caller to place; nothing is thrown for bad content.
 */
export async function readBatch(
  dir: string,
  spec: BatchSpec,
): Promise<BatchData | { problem: string }> {
  const path = resolve(dir, spec.data);
  const inside = relative(dir, path);
  if (inside.startsWith('..') || isAbsolute(inside))
    return { problem: `batch data \`${spec.data}\` is outside the brief's folder` };
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return { problem: `batch data \`${spec.data}\` does not exist` };
  let records: Record<string, unknown>[];
  try {
    records = /\.csv$/i.test(spec.data)
      ? (parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
          string,
          unknown
        >[])
      : ((parseYaml(text) ?? []) as Record<string, unknown>[]);
  } catch (cause) {
    return {
      problem: `batch data \`${spec.data}\` cannot be read: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`,
    };
  }
  if (!Array.isArray(records))
    return { problem: `batch data \`${spec.data}\` must be a list of rows` };
  const rows = records.map((record) =>
    Object.fromEntries(
      Object.entries(record ?? {}).map(([column, value]) => [
        column,
        value === null || value === undefined ? '' : String(value),
      ]),
    ),
  );
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (!columns.includes(spec.key))
    return {
      problem: `batch key column \`${spec.key}\` is not in \`${spec.data}\` (it has ${columns.map((c) => `\`${c}\``).join(', ') || 'no columns'})`,
    };
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const key = row[spec.key] ?? '';
    if (!safeKey.test(key))
      return {
        problem: `row ${index + 1} of \`${spec.data}\`: key \`${key}\` must be letters, digits, '.', '_' or '-'`,
      };
    if (seen.has(key))
      return { problem: `row ${index + 1} of \`${spec.data}\`: key \`${key}\` is used twice` };
    seen.add(key);
  }
  return { columns, rows };
}
