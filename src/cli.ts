#!/usr/bin/env node
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { VFile } from 'vfile';
import { isBriefkitError } from './errors.js';
import { formatMessages } from './report.js';
import { outputKinds, type OutputKind } from './outputs.js';
import type { HandoutLayout } from './model/handout.js';
import { version } from './paths.js';

/** Prints content messages, one line each, to stderr. */
function report(files: readonly VFile[]): void {
  const text = formatMessages(files);
  if (text) process.stderr.write(`${text}\n`);
}

const program = new Command()
  .name('briefkit')
  .description('Policy briefs, slide decks and handouts from one Markdown source.')
  .version(version)
  .showHelpAfterError();

const contentOption = new Option(
  '--content <dir>',
  'folder of briefs (one sub-folder each)',
).default('content');

program
  .command('build')
  .description('build PDFs into the output folder (all briefs, or the ids given)')
  .argument('[ids...]', 'brief ids (folder names under the content folder)')
  .addOption(contentOption)
  .option('--out <dir>', 'output folder', 'output')
  .option(
    '--format <list>',
    "outputs to build: brief,deck,handout (default: each brief's `outputs:`)",
    parseFormats,
  )
  .addOption(
    new Option(
      '--handout <layout>',
      "handout layout (default: each brief's `handout:`, else lines)",
    ).choices(['lines', 'notes']),
  )
  .option('--allow-overflow', 'report slides that do not fit as warnings, not errors')
  .option('--browser-ws-endpoint <url>', 'print on a running Chrome instead of launching one')
  .option('--concurrency <n>', 'documents printed at once (default: number of cores)', (value) =>
    positiveInteger(value, '--concurrency'),
  )
  .option(
    '--timeout <seconds>',
    'per-document time limit',
    (value) => positiveInteger(value, '--timeout'),
    60,
  )
  .option('--shard <i/n>', 'build only the i-th of n equal shares of all documents (CI matrices)')
  .option('--force', 'rebuild everything, even outputs the cache says are unchanged')
  .action(async (ids: string[], options: BuildFlags) => {
    const started = performance.now();
    const [{ build }, { createProgress }, { parseShard }] = await Promise.all([
      import('./build.js'),
      import('./engine/progress.js'),
      import('./engine/plan.js'),
    ]);
    const result = await build({
      shard: options.shard === undefined ? undefined : parseShard(options.shard),
      force: options.force,
      progress: createProgress(),
      contentDir: resolve(options.content),
      outputDir: resolve(options.out),
      ids,
      formats: options.format,
      handout: options.handout,
      allowOverflow: options.allowOverflow,
      browserWSEndpoint: options.browserWsEndpoint,
      concurrency: options.concurrency,
      timeout: options.timeout * 1000,
    });
    report(result.files);
    // Name each file for small builds; batches of hundreds get the summary only.
    if (result.written.length <= 12) {
      for (const entry of result.written) {
        process.stderr.write(
          `wrote ${options.out}/${entry.path} (${entry.pages} pages, ${Math.round(entry.bytes / 1024)} KiB)\n`,
        );
      }
    }
    for (const failure of result.failures)
      process.stderr.write(`failed ${failure.name}: ${failure.reason}\n`);
    const pages = result.written.reduce((sum, entry) => sum + entry.pages, 0);
    const bytes = result.written.reduce((sum, entry) => sum + entry.bytes, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `${result.written.length} file(s) written (${pages} pages, ${(bytes / 1048576).toFixed(1)} MiB), ` +
        `${result.cached} unchanged, ${result.failures.length} failed, in ${seconds} s` +
        `${result.printed ? '' : ' (nothing to print)'}\n`,
    );
    if (result.failures.length > 0) process.exitCode = 1;
  });

program
  .command('merge-manifests')
  .description('merge the manifests written by `build --shard i/n` into manifest.json')
  .option('--out <dir>', 'output folder', 'output')
  .action(async (options: { out: string }) => {
    const { mergeManifests } = await import('./engine/manifest.js');
    const merged = await mergeManifests(resolve(options.out));
    process.stderr.write(
      `merged ${merged.shards} shard manifest(s): ${merged.files} file(s) in ${options.out}/manifest.json\n`,
    );
  });

program
  .command('check')
  .description('validate every brief without printing (no browser)')
  .argument('[ids...]', 'brief ids')
  .addOption(contentOption)
  .action(async (ids: string[], options: { content: string }) => {
    const { readBriefs } = await import('./pipeline.js');
    const result = await readBriefs({ contentDir: resolve(options.content), ids });
    report(result.files);
    if (!result.ok) process.exitCode = 1;
    else process.stderr.write(`${result.briefs.length} brief(s) checked\n`);
  });

interface BuildFlags {
  content: string;
  out: string;
  format?: OutputKind[];
  handout?: HandoutLayout;
  allowOverflow?: boolean;
  browserWsEndpoint?: string;
  concurrency?: number;
  timeout: number;
  shard?: string;
  force?: boolean;
}

function parseFormats(value: string): OutputKind[] {
  const formats = value
    .split(',')
    .map((format) => format.trim())
    .filter(Boolean);
  const unknown = formats.filter((format) => !(outputKinds as readonly string[]).includes(format));
  if (unknown.length > 0 || formats.length === 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${outputKinds.join(', ')}`);
  }
  return formats as OutputKind[];
}

function positiveInteger(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new InvalidArgumentError(`${flag} must be a positive whole number`);
  return number;
}

// Ctrl-C and CI timeouts end the process through `exit`, where half-written files are removed.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

try {
  await program.parseAsync();
} catch (cause) {
  if (isBriefkitError(cause)) {
    report(cause.files);
    process.stderr.write(`briefkit: ${cause.message}\n`);
  } else {
    process.stderr.write(
      `briefkit: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`,
    );
  }
  process.exitCode = 1;
}
