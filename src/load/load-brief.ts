import { existsSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { VFile } from 'vfile';
import { isMap } from 'yaml';
import { debug } from '../log.js';
import { didYouMean } from '../nearest.js';
import { readFrontMatter } from './front-matter.js';
import { statsFileSchema, type FrontMatter, type StatsFile } from './schema.js';
import { readBatch, type BatchData } from './batch.js';
import { checkNesting } from './check-nesting.js';
import { dictionary } from './dictionary.js';
import { defaultLimits, limitKey, type Limits } from './limits.js';
import { readText } from './read-text.js';
import { resolveInside } from './resolve-inside.js';
import { loadSeriesData, type DataPoint } from './series-data.js';
import {
  fail,
  parseYaml,
  placeOf,
  placeOfPath,
  validate,
  type Place,
  type YamlSource,
} from './yaml-file.js';

const log = debug('load');

/** Everything read from `content/<id>/`, validated; `ok` is false when any file has an error. */
export interface LoadedBrief {
  id: string;
  dir: string;
  markdown: VFile;
  statsFile: VFile;
  meta: FrontMatter;
  data: StatsFile;
  /** Where each stat is defined, for "unused stat" warnings. */
  statPlaces: ReadonlyMap<string, Place>;
  /** Each series' values, read from stats.yaml or its CSV file. */
  seriesData: ReadonlyMap<string, DataPoint[]>;
  /** CSV files read for series, and a batch file with problems (reported on them). */
  dataFiles: VFile[];
  /** The rows of `batch:` data, when the brief is built once per row. */
  batch: BatchData | undefined;
  /** The file opens with YAML front matter (else a leading `---` is a thematic break). */
  frontMatter: boolean;
  /** The line of the H1 that is the title, which the body does not repeat. */
  titleLine: number | undefined;
  /** The bounds the brief was read with (the parser checks nesting against them too). */
  limits: Limits;
  ok: boolean;
}

export async function loadBrief(
  contentDir: string,
  id: string,
  cwd = process.cwd(),
  /** Any Markdown file (`briefkit build notes.md`); its folder holds its stats and images. */
  markdownPath = join(contentDir, id, 'brief.md'),
  limits: Limits = defaultLimits,
): Promise<LoadedBrief> {
  const dir = dirname(markdownPath);
  const statsPath = join(dir, 'stats.yaml');
  // A brief of the content folder reads its own files only: a brief.md or stats.yaml that is a
  // link to a file outside the folder is refused (a file named on the command line is the user's).
  const ownFile = async (path: string) => {
    const inContent = markdownPath === join(contentDir, id, 'brief.md');
    const found = inContent ? resolveInside(dir, basename(path)) : undefined;
    if (!found || !('problem' in found)) return readText(path, cwd, limits.fileSize);
    const file = new VFile({ path: relative(cwd, path), cwd, value: '' });
    fail(
      file,
      found.problem === 'outside'
        ? `${basename(path)} is a link to a file outside the brief's folder: copy the file in instead`
        : `${basename(path)} is not a file`,
      { line: 1, column: 1 },
      'file-outside',
    );
    return file;
  };
  const markdown = await ownFile(markdownPath);
  const statsFile = existsSync(statsPath)
    ? await ownFile(statsPath)
    : new VFile({ path: relative(cwd, statsPath), cwd, value: '' });
  log('loading %s', id);

  // A file that could not be read (too large, not UTF-8) has said so; nothing more is judged.
  const readable = (file: VFile) => !file.messages.some((message) => message.fatal);
  const front =
    readable(markdown) && checkNesting(markdown, limits)
      ? readFrontMatter(markdown, id)
      : { meta: undefined, present: false, titleLine: undefined };
  const meta = front.meta;
  const data = readable(statsFile) ? readStats(statsFile, limits) : undefined;
  const statPlaces = new Map<string, Place>();
  if (data) crossCheck(statsFile, data.value, data.source);
  for (const [key, place] of data?.places ?? []) statPlaces.set(key, place);
  const series = data
    ? await loadSeriesData(dir, data.value.series, statsFile, data.source, cwd, limits)
    : { data: new Map<string, DataPoint[]>(), files: [] };
  let batch: BatchData | undefined;
  let batchFile: VFile | undefined;
  if (meta?.batch) {
    const read = await readBatch(dir, meta.batch, cwd, limits);
    if ('problem' in read && read.file) {
      batchFile = read.file;
    } else if ('problem' in read) {
      const line =
        String(markdown.value)
          .split('\n')
          .findIndex((text) => /^batch:/.test(text)) + 1;
      fail(markdown, `Batch: ${read.problem}`, { line: Math.max(line, 1), column: 1 }, 'batch');
    } else {
      batch = read;
    }
  }

  const dataFiles = batchFile ? [...series.files, batchFile] : series.files;
  const ok = [markdown, statsFile, ...dataFiles].every(
    (file) => !file.messages.some((message) => message.fatal),
  );
  return {
    id,
    dir,
    markdown,
    statsFile,
    // When !ok these placeholders are never rendered: the build stops after reporting.
    meta: meta ?? (undefined as unknown as FrontMatter),
    data: data?.value ?? { sources: {}, stats: {}, series: {} },
    statPlaces,
    seriesData: series.data,
    dataFiles,
    batch,
    frontMatter: front.present,
    titleLine: front.titleLine,
    limits,
    ok,
  };
}

function readStats(
  file: VFile,
  limits: Limits,
): { value: StatsFile; places: Map<string, Place>; source: YamlSource } | undefined {
  // No stats.yaml, or one with nothing in it: a brief without figures.
  const source = parseYaml(
    file,
    String(file.value).trim() === '' ? 'sources: {}' : String(file.value),
  );
  if (!source || !countEntries(file, source, limits)) return undefined;
  const value = validate(
    file,
    source,
    statsFileSchema,
    'stats',
    (path) => (path.length > 0 ? `\`${path.join('.')}\`` : 'stats.yaml'),
    { maxAliasCount: limits.yamlAliases },
  );
  if (!value) return undefined;
  // Ids are data: looking up `toString` must not find Object.prototype's.
  value.sources = dictionary(value.sources);
  value.stats = dictionary(value.stats);
  value.series = dictionary(value.series);
  const places = new Map<string, Place>();
  for (const section of ['stats', 'series', 'sources'] as const) {
    for (const key of Object.keys(value[section])) {
      places.set(`${section}.${key}`, placeOfPath(source, [section, key]));
    }
  }
  // Where each URL is written, for `check --links`.
  for (const key of Object.keys(value.sources))
    places.set(`sources.${key}.url`, placeOfPath(source, ['sources', key, 'url']));
  return { value, places, source };
}

/** At most `limits.stats` entries in each section, reported at the first one too many. */
function countEntries(file: VFile, source: YamlSource, limits: Limits): boolean {
  for (const section of ['sources', 'stats', 'series']) {
    const map = source.doc.get(section, true);
    if (!isMap(map) || map.items.length <= limits.stats) continue;
    const extra = map.items[limits.stats];
    fail(
      file,
      `More than ${limits.stats} entries in \`${section}\`: split the brief, or raise \`${limitKey('stats')}\` in the config`,
      placeOf(source, (extra?.key as { range?: [number] } | null)?.range?.[0] ?? 0),
      'too-many',
    );
    return false;
  }
  return true;
}

/** References between entries: every stat and series names a defined source (unused sources are
 * reported after parsing, when `:cite` uses are known). */
function crossCheck(file: VFile, data: StatsFile, source: YamlSource): void {
  const sourceIds = Object.keys(data.sources);
  for (const section of ['stats', 'series'] as const) {
    for (const [id, entry] of Object.entries(data[section])) {
      if (!(entry.source in data.sources)) {
        const place = placeOfPath(source, [section, id, 'source']);
        fail(
          file,
          `\`${section}.${id}\` names unknown source \`${entry.source}\`${didYouMean(entry.source, sourceIds)}`,
          place,
          'unknown-source',
        );
      }
    }
  }
  const seriesIds = Object.keys(data.series);
  for (const [id, stat] of Object.entries(data.stats)) {
    if (stat.series !== undefined && !(stat.series in data.series)) {
      fail(
        file,
        `\`stats.${id}\` names unknown series \`${stat.series}\`${didYouMean(stat.series, seriesIds)}`,
        placeOfPath(source, ['stats', id, 'series']),
        'unknown-series',
      );
    }
  }
}
