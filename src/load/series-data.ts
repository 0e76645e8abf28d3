import { parse } from 'csv-parse/sync';
import type { VFile } from 'vfile';
import { defaultLimits, limitKey, type Limits } from './limits.js';
import { readText } from './read-text.js';
import { resolveInside } from './resolve-inside.js';
import type { SeriesEntry } from './schema.js';
import { fail, placeOfPath, type YamlSource } from './yaml-file.js';

/** One value of a series: a bar, a point, or a segment of a stacked bar. */
export interface DataPoint {
  category: string;
  value: number;
  group?: string | undefined;
}

/**
 * Reads every series' values: inline pairs as written, CSV files from the brief's folder with
 * their declared columns checked. Problems land on stats.yaml or on the CSV file itself.
 */
export async function loadSeriesData(
  dir: string,
  series: Readonly<Record<string, SeriesEntry>>,
  statsFile: VFile,
  source: YamlSource,
  cwd: string,
  limits: Limits = defaultLimits,
): Promise<{ data: Map<string, DataPoint[]>; files: VFile[] }> {
  const data = new Map<string, DataPoint[]>();
  const files: VFile[] = [];
  for (const [id, entry] of Object.entries(series)) {
    if (typeof entry.data !== 'string') {
      const points = inlinePoints(entry.data);
      if (points.length > limits.seriesPoints) {
        fail(
          statsFile,
          `Series \`${id}\` has ${points.length} values, over the limit of ${limits.seriesPoints} (raise \`${limitKey('seriesPoints')}\` in the config)`,
          placeOfPath(source, ['series', id, 'data']),
          'too-many',
        );
      } else {
        data.set(id, points);
      }
      continue;
    }
    const found = resolveInside(dir, entry.data);
    const where = placeOfPath(source, ['series', id, 'data']);
    if ('problem' in found) {
      fail(
        statsFile,
        found.problem === 'outside'
          ? `Series \`${id}\`: data file \`${entry.data}\` is ${found.linked ? 'a link to a file ' : ''}outside the brief's folder`
          : `Series \`${id}\`: data file \`${entry.data}\` ${found.problem === 'missing' ? 'does not exist' : 'is not a file'}`,
        where,
        'series-data',
      );
    } else {
      const path = found.path;
      const file = await readText(path, cwd, limits.fileSize);
      files.push(file);
      if (file.messages.some((message) => message.fatal)) continue;
      const points = readCsv(file, entry, id, statsFile, source, limits.seriesPoints);
      if (points) data.set(id, points);
    }
  }
  return { data, files };
}

function inlinePoints(
  values: Record<string, number> | Record<string, Record<string, number>>,
): DataPoint[] {
  return Object.entries(values).flatMap(([key, value]): DataPoint[] =>
    typeof value === 'number'
      ? [{ category: key, value }]
      : Object.entries(value as Record<string, number>).map(([category, inner]) => ({
          category,
          value: inner,
          group: key,
        })),
  );
}

function readCsv(
  file: VFile,
  entry: SeriesEntry,
  id: string,
  statsFile: VFile,
  source: YamlSource,
  maxPoints: number,
): DataPoint[] | undefined {
  const columns = entry.columns;
  if (!columns) return undefined;
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(String(file.value), {
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      // The header, the points allowed, and one more to tell that there are too many.
      to: maxPoints + 2,
    }) as unknown as typeof rows;
  } catch (cause) {
    const error = cause as Error & { lines?: number };
    fail(file, `Malformed CSV: ${error.message}`, { line: error.lines ?? 1, column: 1 }, 'csv');
    return undefined;
  }
  if (rows.length > maxPoints + 1) {
    fail(
      file,
      `More than ${maxPoints} rows: a chart cannot show them; aggregate the data, or raise \`${limitKey('seriesPoints')}\` in the config`,
      { line: rows[maxPoints + 1]?.info.lines ?? 1, column: 1 },
      'too-many',
    );
    return undefined;
  }
  const header = rows[0]?.record ?? [];
  const wanted = [columns.category, columns.value, ...(columns.group ? [columns.group] : [])];
  const missing = wanted.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    const found = header.map((name) => `\`${name}\``).join(', ') || 'no columns';
    fail(
      statsFile,
      `Series \`${id}\`: ${file.path} has no column ${missing.map((name) => `\`${name}\``).join(', ')} (it has ${found})`,
      placeOfPath(source, ['series', id, 'columns']),
      'series-columns',
    );
    fail(
      file,
      `Header does not match the columns declared for series \`${id}\` in stats.yaml: missing ${missing.join(', ')}`,
      { line: rows[0]?.info.lines ?? 1, column: 1 },
      'series-columns',
    );
    return undefined;
  }
  const [categoryIndex, valueIndex, groupIndex] = wanted.map((name) => header.indexOf(name));
  const lines = String(file.value).split(/\r?\n/);
  const points: DataPoint[] = [];
  let ok = true;
  for (const { record, info } of rows.slice(1)) {
    const text = record[valueIndex ?? 0] ?? '';
    const value = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(value)) {
      const column = fieldColumn(lines[info.lines - 1] ?? '', valueIndex ?? 0);
      fail(
        file,
        `\`${text}\` in column \`${columns.value}\` is not a number (write plain digits: 1000 or 0.25)`,
        { line: info.lines, column },
        'series-value',
      );
      ok = false;
      continue;
    }
    points.push({
      category: record[categoryIndex ?? 0] ?? '',
      value,
      group: groupIndex === undefined ? undefined : record[groupIndex],
    });
  }
  return ok ? points : undefined;
}

/** 1-based column where field `index` of a CSV line starts (commas inside quotes do not count). */
function fieldColumn(line: string, index: number): number {
  let field = 0;
  let quoted = false;
  for (let position = 0; position < line.length; position++) {
    if (field === index) return position + 1;
    const char = line[position];
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) field++;
  }
  return line.length + 1;
}
