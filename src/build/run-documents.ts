import type { VFile } from 'vfile';
import type { BuildOptions, BuildResult, Work } from './types.js';
import { manifestPath, type ManifestEntry } from './manifest.js';
import { sha256 } from '../hash.js';
import { jobOutputPath } from './plan.js';
import { BriefkitError, error } from '../errors.js';
import { writeAtomic } from '../finish/write-output.js';
import { debug } from '../log.js';
import { templatesDir } from '../paths.js';
import { readBriefs } from './read-briefs.js';
import type { Printer } from '../print/printer.js';
import { produce } from './produce-document.js';
import { Templates } from '../render/templates.js';
import { printedKinds } from '../outputs.js';
import { interruptible } from '../signals.js';

const log = debug('build');

export interface ProduceAllOptions extends BuildOptions {
  concurrency: number;
  /** Started here once the content is valid, so invalid content never starts a browser. */
  printer: Printer;
  onWritten: (entries: ManifestEntry[]) => void;
  onFailed: () => void;
  /** Saves the manifest so far, so an interrupted batch keeps what it finished. */
  saveManifest: () => Promise<void>;
}

/** Failures that every other document would meet too. */
const stopping = new Set(['BROWSER_NOT_FOUND', 'OUTPUT_FAILED']);

/** A document whose browser crashed or hung is tried again this many times, then fails alone. */
const retries = 2;
/**
 * After this many browsers in one build would not start or froze, none is started again:
 * whatever stopped them will stop the next one too, and trying every document three times would
 * keep the build going for minutes. What was written is kept.
 */
const mostLost = 3;
const saveEvery = 25;

/**
 * The heavy half of a build, loaded only when something must be made: read the briefs involved,
 * then render, print and finish each document set with a bounded number in flight, writing each
 * one's files as soon as all of them are complete.
 */
export async function produceAll(
  work: readonly Work[],
  options: ProduceAllOptions,
): Promise<{ files: VFile[]; failures: BuildResult['failures'] }> {
  const briefIds = [...new Set(work.map((item) => item.job.briefId))];
  const read = await readBriefs({
    contentDir: options.contentDir,
    ids: briefIds,
    file: options.file,
    cwd: options.cwd,
    limits: options.document?.limits,
    strict: options.strict,
    staleAfter: options.staleAfter,
  });
  if (!read.ok) error('CONTENT_INVALID', 'The content has errors; nothing was built.', read.files);
  // As many pages as the first documents will print in at once.
  // A build that only writes PowerPoint files starts no browser.
  const prints = work.reduce(
    (sum, item) => sum + item.kinds.filter((kind) => printedKinds.includes(kind)).length,
    0,
  );
  // The browser's start (about half a second) overlaps compiling and rendering; awaited only
  // until it is spawned, or synchronous rendering would hold the launch back until it is done.
  if (prints > 0) await options.printer.warmUp(Math.min(options.concurrency, prints));
  // A template with errors builds nothing (the browser just started is ended with the build).
  const templates = await Templates.load(templatesDir);
  const briefs = new Map(read.briefs.map((brief) => [brief.id, brief]));

  const timeout = options.timeout ?? 60_000;
  const { printer } = options;
  const failures: BuildResult['failures'] = [];
  let sinceSave = 0;
  await forEachBounded(work, options.concurrency * 2, async ({ job, kinds, deck }) => {
    const brief = briefs.get(job.briefId);
    if (!brief) return;
    for (let attempt = 0; ; attempt++) {
      try {
        // Rendering and finishing hold the event loop for seconds on a long document, and
        // nothing is written meanwhile: a signal ends the build at once (src/signals.ts).
        const files = await withTimeout(
          interruptible(() =>
            produce(
              {
                name: job.id,
                brief,
                row: job.row,
                kinds,
                deck,
                epoch: job.epoch,
                options: job.options,
                markdown: read.markdown.get(job.briefId),
                allowOverflow: options.allowOverflow ?? false,
              },
              templates,
              printer,
            ),
          ),
          timeout * (kinds.length + 1),
          `${job.id} timed out after ${Math.round((timeout * (kinds.length + 1)) / 1000)} s`,
        );
        const entries: ManifestEntry[] = [];
        for (const [kind, file] of files) {
          const path = options.outputFile ?? jobOutputPath(options.outputDir, job, kind);
          await writeAtomic(path, file.bytes);
          entries.push({
            path: manifestPath(options.outputDir, path),
            bytes: file.bytes.length,
            pages: file.pages,
            sha256: sha256(file.bytes),
            key: job.keys.get(kind) ?? '',
          });
        }
        options.onWritten(entries);
        if (++sinceSave >= saveEvery) {
          sinceSave = 0;
          await options.saveManifest();
        }
        return;
      } catch (cause) {
        // No browser at all, or an output folder that takes no files (a full disk), fails every
        // document the same way: stop at once, without trying again.
        if (cause instanceof BriefkitError && stopping.has(cause.code)) throw cause;
        const content = cause instanceof BriefkitError && cause.code === 'CONTENT_INVALID';
        const reason = cause instanceof Error ? cause.message : String(cause);
        // A timeout may mean a frozen browser: one that no longer answers is killed here.
        if (cause instanceof BriefkitError && cause.code === 'PRINT_FAILED' && !content)
          await printer.checkBrowser();
        if (printer.browsersLost >= mostLost)
          error(
            'PRINT_FAILED',
            `The browser would not start or stopped answering ${printer.browsersLost} times (frozen or overloaded); ` +
              `the build stops here. Last: ${reason}`,
          );
        if (!content && attempt < retries) {
          log('%s: %s; trying again (%d of %d)', job.id, reason, attempt + 1, retries);
          continue;
        }
        failures.push({ name: job.id, reason, ...(content ? { content } : {}) });
        options.onFailed();
        return;
      }
    }
  });
  return { files: read.files, failures };
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: { cause: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failed) {
      await task(items[next++] as T).catch((cause: unknown) => {
        failed ??= { cause };
      });
    }
  };
  // Every worker ends before this does: nothing of the build goes on once it has returned.
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.cause;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BriefkitError('PRINT_FAILED', message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
