import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BriefkitError, error } from './errors.js';
import { finishPdf } from './finish/metadata.js';
import {
  manifestPath,
  sha256,
  updateManifest,
  writeAtomic,
  type ManifestEntry,
} from './finish/write-output.js';
import { debug } from './log.js';
import type { Brief } from './model/brief.js';
import { templatesDir } from './paths.js';
import { readBriefs, sourceDate, type ReadResult, type SourceOptions } from './pipeline.js';
import { Printer } from './print/printer.js';
import { renderBrief } from './render/render-brief.js';
import { Templates } from './render/templates.js';

const log = debug('build');
const require = createRequire(import.meta.url);

export interface BuildOptions extends SourceOptions {
  outputDir: string;
  browserWSEndpoint?: string | undefined;
  /** How many documents print at once; default: the number of cores. */
  concurrency?: number | undefined;
  timeout?: number | undefined;
}

export interface BuildResult extends ReadResult {
  written: ManifestEntry[];
  failures: { name: string; reason: string }[];
}

/** Folders printed pages may read besides a brief's own: templates and the bundled fonts. */
const packageRoots = [
  templatesDir,
  dirname(require.resolve('@fontsource/source-serif-4/package.json')),
  dirname(require.resolve('@fontsource/source-sans-3/package.json')),
];

/**
 * The whole pipeline: read (load → parse → model), then render → print → finish for each brief.
 * Content errors stop the build before the browser starts or any file is written.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const read = await readBriefs(options);
  if (!read.ok) error('CONTENT_INVALID', 'The content has errors; nothing was built.', read.files);

  const templates = await Templates.load(templatesDir);
  const printer = new Printer({
    allowedRoots: packageRoots,
    browserWSEndpoint: options.browserWSEndpoint,
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  const written: ManifestEntry[] = [];
  const failures: BuildResult['failures'] = [];
  try {
    await forEachBounded(
      read.briefs,
      options.concurrency ?? availableParallelism(),
      async (brief) => {
        if (!brief.meta.outputs.includes('brief')) return;
        const name = `${brief.id}/brief.pdf`;
        try {
          written.push(await buildBriefPdf(brief, templates, printer, options.outputDir));
        } catch (cause) {
          // A browser that cannot start fails every document the same way: stop at once.
          if (cause instanceof BriefkitError && cause.code.startsWith('BROWSER')) throw cause;
          failures.push({ name, reason: cause instanceof Error ? cause.message : String(cause) });
        }
      },
    );
  } finally {
    await printer.dispose();
  }
  if (written.length > 0) await updateManifest(options.outputDir, written);
  return { ...read, written, failures };
}

async function buildBriefPdf(
  brief: Brief,
  templates: Templates,
  printer: Printer,
  outputDir: string,
): Promise<ManifestEntry> {
  const started = performance.now();
  const html = renderBrief(brief, templates);
  const printed = await printer.print({
    name: `${brief.id}/brief.pdf`,
    html,
    allowedRoots: [brief.dir],
  });
  const finished = await finishPdf(printed, {
    title: brief.meta.title,
    authors:
      brief.meta.authors.length > 0
        ? brief.meta.authors
        : brief.meta.organization
          ? [brief.meta.organization]
          : [],
    subject: brief.meta.subtitle ?? brief.meta.publication,
    keywords: brief.meta.keywords,
    lang: brief.meta.lang,
    date: await sourceDate(brief),
  });
  const path = join(outputDir, brief.id, 'brief.pdf');
  await writeAtomic(path, finished.bytes);
  log('%s: %d pages in %d ms', path, finished.pages, Math.round(performance.now() - started));
  return {
    path: manifestPath(outputDir, path),
    bytes: finished.bytes.length,
    pages: finished.pages,
    sha256: sha256(finished.bytes),
  };
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
