import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { VFile } from 'vfile';
import { debug } from '../log.js';
import { didYouMean } from '../nearest.js';
import { readFrontMatter } from './front-matter.js';
import { statsFileSchema, type FrontMatter, type StatsFile } from './schema.js';
import { readBatch, type BatchData } from './batch.js';
import { dictionary } from './dictionary.js';
import { loadSeriesData, type DataPoint } from './series-data.js';
import {
  fail,
  parseYaml,
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
  ok: boolean;
}

export async function loadBrief(
  contentDir: string,
  id: string,
  cwd = process.cwd(),
  /** Any Markdown file (`briefkit build notes.md`); its folder holds its stats and images. */
  markdownPath = join(contentDir, id, 'brief.md'),
): Promise<LoadedBrief> {
  const dir = dirname(markdownPath);
  const statsPath = join(dir, 'stats.yaml');
  const markdown = new VFile({
    path: relative(cwd, markdownPath),
    cwd,
    value: await readFile(markdownPath, 'utf8'),
  });
  const statsText = existsSync(statsPath) ? await readFile(statsPath, 'utf8') : 'sources: {}\n';
  const statsFile = new VFile({ path: relative(cwd, statsPath), cwd, value: statsText });
  log('loading %s', id);

  const front = readFrontMatter(markdown, id);
  const meta = front.meta;
  const data = readStats(statsFile);
  const statPlaces = new Map<string, Place>();
  if (data) crossCheck(statsFile, data.value, data.source);
  for (const [key, place] of data?.places ?? []) statPlaces.set(key, place);
  const series = data
    ? await loadSeriesData(dir, data.value.series, statsFile, data.source, cwd)
    : { data: new Map<string, DataPoint[]>(), files: [] };
  let batch: BatchData | undefined;
  let batchFile: VFile | undefined;
  if (meta?.batch) {
    const read = await readBatch(dir, meta.batch, cwd);
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
    ok,
  };
}

function readStats(
  file: VFile,
): { value: StatsFile; places: Map<string, Place>; source: YamlSource } | undefined {
  const source = parseYaml(file, String(file.value));
  if (!source) return undefined;
  const value = validate(file, source, statsFileSchema, 'stats', (path) =>
    path.length > 0 ? `\`${path.join('.')}\`` : 'stats.yaml',
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
  return { value, places, source };
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
