import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sha256, sha256Parts } from '../hash.js';
import { readBatch, type BatchRow, type BatchSpec } from '../load/batch.js';
import { selectSources, sourceDir, type BriefSource } from '../load/discover.js';
import { peekFrontMatter } from '../load/front-matter-block.js';
import { guessLanguage } from '../load/guess-language.js';
import type { Limits } from '../load/limits.js';
import { selectShard, type Shard } from './shard.js';
import { resolveOptions, type DocumentOptions, type DocumentSettings } from '../model/options.js';
import {
  handoutLayouts,
  outputFiles,
  outputKinds,
  type HandoutLayout,
  type OutputKind,
} from '../outputs.js';
import { isPaper } from '../paper.js';
import { sourceDateEpoch } from '../source-date.js';
import { codeIdentity, templatesDir, version } from '../paths.js';
import { findBrowser } from '../print/find-browser.js';
import { fontPackages } from '../render/font-packages.js';

/**
 * Planning is the cheap half of a build: which documents exist, and what each output's cache key
 * is. It reads files and hashes them, and loads none of the heavy pipeline (unified, Vega,
 * Puppeteer, pdf-lib), so a build where nothing changed finishes in a blink.
 */

/** One document set: a brief, or one row of a batch brief. */
export interface Job {
  /** `mexico-us` or `mexico-us/senate-delegation`: also its folder under the output folder. */
  id: string;
  briefId: string;
  row: BatchRow | undefined;
  /** Outputs requested for it (`options.outputs`). */
  kinds: OutputKind[];
  /** Its options, resolved once from command line, config and front matter. */
  options: DocumentOptions;
  /** Each output's cache key: a hash of everything that shapes its bytes. */
  keys: Map<OutputKind, string>;
  /** Document date (seconds since 1970): SOURCE_DATE_EPOCH, the last commit, or the brief's date. */
  epoch: number;
}

export interface PlanOptions {
  contentDir: string;
  ids?: readonly string[] | undefined;
  /** One Markdown file to build instead of the content folder. */
  file?: string | undefined;
  formats?: readonly OutputKind[] | undefined;
  handout?: HandoutLayout | undefined;
  allowOverflow?: boolean | undefined;
  /** Checks that can fail a build of unchanged content: outputs built without them are stale. */
  strict?: boolean | undefined;
  staleAfter?: number | undefined;
  browserWSEndpoint?: string | undefined;
  /** `{ index: 1, count: 4 }` builds the first quarter of all jobs. */
  shard?: Shard | undefined;
  /** Config and command-line settings the documents show: part of every key. */
  document?: DocumentSettings | undefined;
  /** The date of every document (a release's), over SOURCE_DATE_EPOCH and the briefs' own. */
  epoch?: number | undefined;
}

/** The templates and styles each output is made from: editing one invalidates only its users. */
const templateFiles: Record<OutputKind, string[]> = {
  brief: ['brief.hbs', 'partials', 'theme.css', 'brief.css'],
  deck: ['deck.hbs', 'theme.css', 'deck.css'],
  handout: ['deck.hbs', 'theme.css', 'deck.css', 'handout.hbs', 'handout.css'],
  // Drawn by code (src/render/pptx), which the code id covers; theme.css holds its defaults.
  pptx: ['theme.css'],
  web: ['brief.hbs', 'partials', 'theme.css', 'brief.css', 'web.css'],
};

/** Packages whose versions change output bytes: fonts, charts, PDF writing, printing. */
const shapingPackages = [
  ...fontPackages,
  'vega',
  'vega-lite',
  'pdf-lib',
  'puppeteer-core',
  'pptxgenjs',
  'jszip',
];

export async function planJobs(options: PlanOptions): Promise<Job[]> {
  // Independent reads side by side: planning is all of a no-op build's time.
  const [sources, environment, templates] = await Promise.all([
    selectSources(options),
    environmentHash(options),
    Promise.all(
      outputKinds.map(
        async (kind) => [kind, await hashPaths(templatesDir, templateFiles[kind])] as const,
      ),
    ).then((hashes) => new Map(hashes)),
  ]);

  const jobs: Job[] = [];
  for (const source of sources) {
    const briefId = source.id;
    const dir = sourceDir(source);
    const frontRead = planFields(source.markdown);
    const [front, contentHash, epoch] = await Promise.all([
      frontRead,
      options.file === undefined ? hashTree(dir) : hashFile(source),
      options.epoch ??
        sourceEpoch(
          dir,
          frontRead.then((peeked) => peeked.date),
        ),
    ]);
    const documentOptions = resolveOptions(front, options.document, options);
    const kinds = documentOptions.outputs;
    const rows = front.batch
      ? await batchRows(dir, front.batch, options.document?.limits)
      : [undefined];
    for (const row of rows) {
      const id = row && front.batch ? `${briefId}/${row[front.batch.key]}` : briefId;
      const keys = new Map<OutputKind, string>();
      for (const kind of kinds) {
        keys.set(
          kind,
          sha256Parts([
            environment,
            kind,
            templates.get(kind) ?? '',
            contentHash,
            String(epoch),
            JSON.stringify(documentOptions),
            JSON.stringify(row ?? null),
          ]),
        );
      }
      jobs.push({ id, briefId, row, kinds, options: documentOptions, keys, epoch });
    }
  }
  jobs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return options.shard ? selectShard(jobs, options.shard) : jobs;
}

interface FrontPeek {
  outputs: OutputKind[] | undefined;
  paper: DocumentOptions['paper'] | undefined;
  handout: HandoutLayout | undefined;
  lang: string | undefined;
  organization: string | undefined;
  batch: BatchSpec | undefined;
  date: string | undefined;
}

/**
 * The few front-matter fields planning needs, read leniently. Invalid front matter is not judged
 * here: the job is planned anyway and the full pipeline reports the problem with its position.
 */
async function planFields(path: string): Promise<FrontPeek> {
  const text = await readFile(path, 'utf8');
  const data = peekFrontMatter(text);
  const outputs = Array.isArray(data.outputs)
    ? data.outputs.filter((kind): kind is OutputKind =>
        (outputKinds as readonly unknown[]).includes(kind),
      )
    : undefined;
  const batch = data.batch as Partial<BatchSpec> | undefined;
  const date =
    data.date instanceof Date
      ? data.date.toISOString().slice(0, 10)
      : typeof data.date === 'string'
        ? data.date
        : undefined;
  const stringField = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    outputs: outputs && outputs.length > 0 ? outputs : undefined,
    paper: isPaper(data.paper) ? data.paper : undefined,
    handout: (handoutLayouts as readonly unknown[]).includes(data.handout)
      ? (data.handout as HandoutLayout)
      : undefined,
    // As the loader does (front-matter.ts): no `lang`, the language of the text's script.
    lang: stringField(data.lang) ?? guessLanguage(text)?.lang,
    organization: stringField(data.organization),
    batch:
      batch && typeof batch.data === 'string' && typeof batch.key === 'string'
        ? (batch as BatchSpec)
        : undefined,
    date,
  };
}

async function batchRows(
  dir: string,
  spec: BatchSpec,
  limits: Limits | undefined,
): Promise<(BatchRow | undefined)[]> {
  const read = await readBatch(dir, spec, process.cwd(), limits);
  // A broken batch file is planned as one job; the pipeline reports what is wrong with it.
  return 'problem' in read ? [undefined] : read.rows;
}

const run = promisify(execFile);

/**
 * The document date, never the wall clock: SOURCE_DATE_EPOCH when set, else the last commit that
 * touched the brief's folder, else the brief's own date.
 */
export async function sourceEpoch(
  dir: string,
  date: string | undefined | Promise<string | undefined>,
  env = process.env,
): Promise<number> {
  const epoch = sourceDateEpoch(env);
  if (epoch !== undefined) return epoch;
  const commit = await run('git', ['log', '-1', '--format=%ct', '--', '.'], { cwd: dir })
    .then(({ stdout }) => stdout.trim())
    .catch(() => '');
  if (/^\d+$/.test(commit)) return Number(commit);
  const day = await date;
  const parsed = day ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(parsed) ? 0 : parsed / 1000;
}

const require = createRequire(import.meta.url);

/** briefkit's version, the packages that shape output, the browser, and output options. */
async function environmentHash(options: PlanOptions): Promise<string> {
  const packages = shapingPackages.map((name) => `${name}@${packageVersion(name)}`);
  let browser = options.browserWSEndpoint ?? '';
  if (!browser) {
    const found = await findBrowser();
    if (found && existsSync(found.executablePath)) {
      const stat = statSync(found.executablePath);
      browser = `${found.executablePath}:${stat.size}:${stat.mtimeMs}`;
    }
  }
  return sha256Parts([
    `briefkit@${version}`,
    // briefkit's own compiled code: a change to how documents are made invalidates them.
    await codeHash(),
    ...packages,
    browser,
    // The logo's and brand fonts' files by content (the settings are in each job's options).
    ...(await Promise.all(
      [
        options.document?.logo?.path,
        ...(options.document?.stylesheets ?? []).map((url) => fileURLToPath(url)),
      ]
        .filter((path): path is string => path !== undefined && existsSync(path))
        .map(async (path) => sha256(await readFile(path))),
    )),
    `allowOverflow=${options.allowOverflow ? 1 : 0}`,
    // Only when asked for, so the keys of ordinary builds stay as they were.
    ...(options.strict ? ['strict=1'] : []),
    ...(options.staleAfter === undefined ? [] : [`staleAfter=${options.staleAfter}`]),
  ]);
}

async function codeHash(): Promise<string> {
  const code = codeIdentity();
  return 'id' in code ? code.id : hashTree(code.dir);
}

/** A dependency's version, read from its package.json (some packages do not export that file). */
function packageVersion(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const manifest = join(dir, name, 'package.json');
    if (existsSync(manifest))
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  }
  return 'missing';
}

/** Every file under `dir` (dotfiles aside), by relative path and content. */
async function hashTree(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // Links count too: a relinked file changes the key (one leading out is refused at load).
  const files = entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (path) =>
        !relative(dir, path)
          .split(/[\\/]/)
          .some((part) => part.startsWith('.')),
    )
    .sort();
  const parts: (string | Uint8Array)[] = [];
  for (const path of files) parts.push(relative(dir, path), await readLinkOrFile(path));
  return sha256Parts(parts);
}

/** A link's target as written (what it points to), else the file's bytes. */
async function readLinkOrFile(path: string): Promise<Buffer | string> {
  const stats = await lstat(path);
  return stats.isSymbolicLink() ? `-> ${await readlink(path)}` : readFile(path);
}

/**
 * A file given by path may sit in any folder (a repository's root, a home folder): hash it and
 * its stats, not the whole folder. Builds of a file always print, so nothing is kept on this key.
 */
async function hashFile(source: BriefSource): Promise<string> {
  const stats = join(sourceDir(source), 'stats.yaml');
  return sha256Parts([
    await readFile(source.markdown, 'utf8'),
    existsSync(stats) ? await readFile(stats, 'utf8') : '',
  ]);
}

/** The named files and folders under `root`, as one hash. */
async function hashPaths(root: string, names: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const name of names) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    const digest = statSync(path).isDirectory()
      ? await hashTree(path)
      : sha256(await readFile(path));
    parts.push(name, digest);
  }
  return sha256Parts(parts);
}

export const jobOutputPath = (outputDir: string, job: Job, kind: OutputKind): string =>
  join(outputDir, ...job.id.split('/'), outputFiles[kind]);
