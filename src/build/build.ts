import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname } from 'node:path';
import { availableParallelism } from 'node:os';
import {
  isFresh,
  manifestName,
  manifestPath,
  readManifest,
  writeManifest,
  type ManifestEntry,
} from './manifest.js';
import { jobOutputPath, planJobs } from './plan.js';
import { loadPipeline } from './load-pipeline.js';
import { checkOutputTarget } from './check-output.js';
import { silentProgress } from './progress.js';
import type { BuildOptions, BuildResult, Work } from './types.js';
import { outputFiles, type OutputKind } from '../outputs.js';
import { debug } from '../log.js';
import { error } from '../errors.js';
import { displayPath } from '../config/settings.js';
import { templatesDir } from '../paths.js';
import { fontPackages } from '../render/font-packages.js';

const log = debug('build');

export type { BuildOptions, BuildResult, Work } from './types.js';

/**
 * A build: plan every document and its cache keys (cheap), then make only what changed. A build
 * where nothing changed loads none of the pipeline and starts no browser. Content errors stop the
 * build before anything is printed; each document's files are written together and atomically.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? silentProgress;
  await checkOutputTarget(options);
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
  // Each brief writes into <output>/<id>/: a brief folder named like the manifest would stand
  // where the manifest is written, and every build would end in EISDIR after printing.
  const taken = jobs.find((job) =>
    /^\.?manifest(\.shard-\d+-of-\d+)?\.json(\.lock)?$/i.test(job.briefId),
  );
  if (taken && options.outputFile === undefined)
    error(
      'USAGE',
      `A brief folder named \`${taken.briefId}\` would stand where the build writes its manifest: rename it`,
    );
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
  let failed = false;
  try {
    const result = await produceAll(work, {
      ...options,
      printer,
      concurrency,
      onWritten: (entries) => {
        written.push(...entries);
        progress.done();
      },
      onFailed: () => progress.failed(),
      saveManifest: async () => {
        if (options.outputFile === undefined)
          await writeManifest(options.outputDir, manifest, written, name);
      },
    });
    return { files: result.files, written, cached, failures: result.failures, printed: true };
  } catch (cause) {
    failed = true;
    throw cause;
  } finally {
    progress.stop();
    await printer.dispose();
    // What was written is recorded even when the build stopped; a manifest that cannot be
    // written (the same full disk) does not hide why the build stopped.
    if (written.length > 0 && options.outputFile === undefined)
      await writeManifest(options.outputDir, manifest, written, name).catch((cause: unknown) => {
        if (!failed) throw cause;
      });
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
