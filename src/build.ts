import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname } from 'node:path';
import { availableParallelism } from 'node:os';
import type { VFile } from 'vfile';
import {
  isFresh,
  manifestName,
  manifestPath,
  readManifest,
  writeManifest,
  type ManifestEntry,
} from './engine/manifest.js';
import { jobOutputPath, planJobs, type Job } from './engine/plan.js';
import { loadPipeline } from './engine/load-pipeline.js';
import type { Shard } from './engine/shard.js';
import { silentProgress, type Progress } from './engine/progress.js';
import { outputFiles, type OutputKind } from './outputs.js';
import { debug } from './log.js';
import { fontPackages } from './render/font-packages.js';
import { error } from './errors.js';
import { displayPath, type DocumentSettings } from './config/settings.js';
import type { HandoutLayout } from './model/handout.js';
import { templatesDir } from './paths.js';

const log = debug('build');

export interface BuildOptions {
  contentDir: string;
  outputDir: string;
  /** Brief ids to build; all of `contentDir` when empty. */
  ids?: readonly string[] | undefined;
  /** One Markdown file to build instead of the content folder; it is always printed afresh. */
  file?: string | undefined;
  /**
   * The one output's own path (`-o talk.pdf`), instead of `<outputDir>/<id>/<kind>.pdf`; no
   * manifest is written beside it. Only when exactly one output is planned.
   */
  outputFile?: string | undefined;
  cwd?: string;
  /** Outputs to build, overriding each brief's `outputs:`. */
  formats?: readonly OutputKind[] | undefined;
  handout?: HandoutLayout | undefined;
  /** Report slides that do not fit as warnings instead of errors. */
  allowOverflow?: boolean | undefined;
  browserWSEndpoint?: string | undefined;
  /** How many pages print at once; default: the number of cores. */
  concurrency?: number | undefined;
  /** Per-document time limit, in milliseconds. */
  timeout?: number | undefined;
  /** Build only this share of all documents (CI matrices). */
  shard?: Shard | undefined;
  /** Rebuild even what the cache says is unchanged. */
  force?: boolean | undefined;
  progress?: Progress | undefined;
  /** Config and command-line values the documents show (paper, brand, release stamp). */
  document?: DocumentSettings | undefined;
}

export interface BuildResult {
  /** Files read, with their messages (only for briefs that had to be built). */
  files: VFile[];
  written: ManifestEntry[];
  /** Outputs that were already up to date. */
  cached: number;
  failures: { name: string; reason: string }[];
  /** Whether a browser was needed at all. */
  printed: boolean;
}

/** An output set to make: a job and the outputs of it that are not up to date. */
export interface Work {
  job: Job;
  kinds: OutputKind[];
  /** The deck as it stands when only the handout must be made from it. */
  deck: Uint8Array | undefined;
}

/**
 * A build: plan every document and its cache keys (cheap), then make only what changed. A build
 * where nothing changed loads none of the pipeline and starts no browser. Content errors stop the
 * build before anything is printed; each document's files are written together and atomically.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? silentProgress;
  const jobs = await planJobs(options);
  if (options.outputFile !== undefined) {
    const outputs = jobs.reduce((sum, job) => sum + job.kinds.length, 0);
    if (outputs !== 1)
      error(
        'USAGE',
        `-o ${displayPath(options.cwd ?? process.cwd(), options.outputFile)} names one file, but ${outputs} outputs are asked for: choose one with --format, or give a folder`,
      );
    // `-o talk.pdf --format pptx` would write a PowerPoint file under a PDF's name.
    const kind = jobs[0]?.kinds[0];
    const expected = kind ? extname(outputFiles[kind]) : '';
    const given = displayPath(options.cwd ?? process.cwd(), options.outputFile);
    if (kind && extname(given).toLowerCase() !== expected)
      error(
        'USAGE',
        `-o ${given} names a ${extname(given)} file, but the ${kind} output is a ${expected} file: -o ${given.slice(0, -extname(given).length)}${expected}`,
      );
  }
  // A file given by path is printed every time, like md-to-pdf or Marp: no cache beside it.
  const force = options.force || options.file !== undefined;
  const name = manifestName(options.shard);
  const manifest = new Map([
    ...(await readManifest(options.outputDir)),
    ...(name === 'manifest.json' ? [] : await readManifest(options.outputDir, name)),
  ]);

  const work: Work[] = [];
  let cached = 0;
  for (const job of jobs) {
    const stale: OutputKind[] = [];
    for (const kind of job.kinds) {
      const path = manifestPath(options.outputDir, jobOutputPath(options.outputDir, job, kind));
      const fresh =
        !force && (await isFresh(options.outputDir, path, job.keys.get(kind) ?? '', manifest));
      if (fresh) cached++;
      else stale.push(kind);
    }
    if (stale.length === 0) continue;
    // A handout is imposed from the deck: reuse the deck on disk when it is up to date.
    const deckFresh = job.kinds.includes('deck') && !stale.includes('deck');
    const deck =
      stale.includes('handout') && deckFresh
        ? await readFile(jobOutputPath(options.outputDir, job, 'deck'))
        : undefined;
    work.push({ job, kinds: stale, deck });
  }
  log('%d job(s), %d output(s) cached, %d job(s) to build', jobs.length, cached, work.length);
  if (work.length === 0) return { files: [], written: [], cached, failures: [], printed: false };

  progress.start(work.length, cached);
  const written: ManifestEntry[] = [];
  // At least three: a brief's brief, deck and handout print side by side.
  const concurrency = options.concurrency ?? Math.max(3, availableParallelism());
  // Made now, started by produceAll once the content is valid: it launches while templates
  // compile and the first documents render.
  const { Printer, produceAll } = await loadPipeline();
  const printer = new Printer({
    allowedRoots: [...packageRoots(), ...(options.document?.allowedRoots ?? [])],
    browserWSEndpoint: options.browserWSEndpoint,
    concurrency,
    timeout: options.timeout ?? 60_000,
  });
  try {
    const result = await produceAll(work, {
      ...options,
      printer,
      concurrency,
      onWritten: (entries) => {
        written.push(...entries);
        progress.done(
          entries.reduce((sum, entry) => sum + entry.pages, 0),
          entries.reduce((sum, entry) => sum + entry.bytes, 0),
        );
      },
      onFailed: () => progress.failed(),
      saveManifest: async () => {
        if (options.outputFile === undefined)
          await writeManifest(options.outputDir, manifest, written, name);
      },
    });
    return { files: result.files, written, cached, failures: result.failures, printed: true };
  } finally {
    progress.stop();
    await printer.dispose();
    if (written.length > 0 && options.outputFile === undefined)
      await writeManifest(options.outputDir, manifest, written, name);
  }
}

/** Folders printed pages may read besides a brief's own: templates and the bundled fonts. */
function packageRoots(): string[] {
  const require = createRequire(import.meta.url);
  return [
    templatesDir,
    ...fontPackages.map((name) => dirname(require.resolve(`${name}/package.json`))),
  ];
}
