#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { VFile } from 'vfile';
import {
  configOption,
  handoutOption,
  noConfigOption,
  paperOption,
  settingsFor,
} from './config/command-line.js';
import { displayPath } from './config/settings.js';
import type { PreviewFlags } from './preview/command.js';
import type { ReleaseFlags } from './release/command.js';
import type { SourcesFlags } from './ledger/command.js';
import type { NewFlags } from './scaffold/command.js';
import { maxShards, readShard, type Shard } from './build/shard.js';
import { BriefkitError, error, exitCodeOf, exitCodes } from './errors.js';
import { isFileInput } from './load/discover.js';
import {
  countWarnings,
  defaultReporter,
  formatProblem,
  formatReport,
  reporterNames,
  type ReporterName,
} from './report.js';
import { outputKinds, type HandoutLayout, type OutputKind } from './outputs.js';
import { didYouMean } from './nearest.js';
import { version } from './paths.js';
import { exitOnSignals } from './signals.js';

/** How this run prints messages: `--reporter`, else annotations under GitHub Actions, else text. */
let reporter: ReporterName = defaultReporter();

/** Prints content messages: text lines to stderr; annotations or JSON lines to stdout. */
function report(files: readonly VFile[]): void {
  const text = formatReport(files, reporter);
  if (text) (reporter === 'text' ? process.stderr : process.stdout).write(`${text}\n`);
}

/** A problem of the whole run (no file to point at), in the reporter's shape. */
function reportFailure(message: string): void {
  if (reporter === 'text') process.stderr.write(`briefkit: ${message}\n`);
  else process.stdout.write(`${formatProblem({ severity: 'error', message }, reporter)}\n`);
}

/** `--max-warnings n`: more warnings than that fail the run like an error (exit code 1). */
function limitWarnings(files: readonly VFile[], limit: number | undefined): void {
  const warnings = countWarnings(files);
  if (limit === undefined || warnings <= limit) return;
  reportFailure(`${warnings} warnings, more than --max-warnings ${limit} allows`);
  process.exitCode = exitCodes.content;
}

/** `--browser-path`: this Chrome, Chromium or Edge, before every other place looked in. */
const browserPathOption = () =>
  new Option('--browser-path <file>', 'the Chrome, Chromium or Edge to print with');

const reporterOption = () =>
  new Option(
    '--reporter <name>',
    'how messages are printed: text, github (annotations; default when GITHUB_ACTIONS=true) or json (one object a line)',
  ).choices(reporterNames);

const maxWarningsOption = () =>
  new Option(
    '--max-warnings <n>',
    'fail (exit code 1) when there are more warnings than n',
  ).argParser((value) => wholeNumber(value, '--max-warnings'));

const strictOption = () =>
  new Option(
    '--strict',
    'figures in the prose from no stat and links that go nowhere are errors (untracked-number, link-target)',
  );

/** The preview's server goes on after its command has returned; every other command is done. */
let serving = false;

const program = new Command()
  .name('briefkit')
  .description('Policy briefs, slide decks and handouts from one Markdown source.')
  .version(version)
  // Program options only before the command: `release --version v1.2.3` is the release's label.
  .enablePositionalOptions()
  // One line saying where help is, not the whole help under the one line that matters.
  .showHelpAfterError("(run 'briefkit help <command>' for its options)")
  // A mistyped command or flag is a usage error: exit code 2 (help and --version stay 0).
  .exitOverride((cause) => process.exit(cause.exitCode === 0 ? 0 : exitCodes.usage))
  .addHelpText(
    'after',
    `
Exit codes:
  0  done
  ${exitCodes.content}  content errors (or more warnings than --max-warnings); config errors
  ${exitCodes.usage}  usage errors: unknown flag or brief, bad value, missing file
  ${exitCodes.noBrowser}  no browser to print with (see \`briefkit browser install\`)
  ${exitCodes.printFailed}  documents that failed to print or to be written`,
  );

const contentOption = new Option(
  '--content <dir>',
  'folder of briefs (one sub-folder each)',
).default('content');

program
  .command('build')
  .description(
    'build PDFs into the output folder (all briefs, the ids given, or one Markdown file)',
  )
  .argument('[inputs...]', 'brief ids (folder names under the content folder), or a .md file')
  .addOption(contentOption)
  .option('-o, --out <path>', 'output folder, or a .pdf file when one output is built', 'output')
  .option(
    '--format <list>',
    "outputs to build: brief,deck,handout,pptx,web (default: each brief's `outputs:`, else all)",
    parseFormats,
  )
  .addOption(handoutOption())
  .option('--allow-overflow', 'report slides that do not fit as warnings, not errors')
  .option(
    '--browser-ws-endpoint <url>',
    'print on a running Chrome instead of launching one',
    webSocketUrl,
  )
  .addOption(browserPathOption())
  .option(
    '--concurrency <n>',
    'pages printed at once (default: number of cores, at least 3)',
    (value) => boundedNumber(value, '--concurrency', maxConcurrency),
  )
  .option(
    '--timeout <seconds>',
    'per-document time limit',
    (value) => boundedNumber(value, '--timeout', maxTimeout),
    60,
  )
  .option(
    '--shard <i/n>',
    'build only the i-th of n equal shares of all documents (CI matrices)',
    parseShardFlag,
  )
  .option('--force', 'rebuild everything, even outputs the cache says are unchanged')
  .addOption(strictOption())
  .addOption(paperOption())
  .addOption(configOption())
  .addOption(noConfigOption())
  .addOption(reporterOption())
  .addOption(maxWarningsOption())
  .action(async (inputs: string[], options: BuildFlags, command: Command) => {
    reporter = options.reporter ?? reporter;
    const started = performance.now();
    const settings = await settingsFor(command);
    const { ids, file } = splitInputs(inputs);
    // `-o talk.pdf` or `-o talk.pptx`: that file; anything else is a folder.
    const outputFile = /\.(pdf|pptx)$/i.test(options.out) ? resolve(options.out) : undefined;
    const outputDir = outputFile ? dirname(outputFile) : settings.outputDir;
    const [{ build }, { createProgress }] = await Promise.all([
      import('./build/build.js'),
      import('./build/progress.js'),
    ]);
    const result = await build({
      shard: options.shard,
      force: options.force,
      progress: createProgress(),
      contentDir: settings.contentDir,
      outputDir,
      outputFile,
      document: settings.document,
      ids,
      file,
      formats: options.format,
      handout: options.handout,
      allowOverflow: options.allowOverflow,
      browserWSEndpoint: options.browserWsEndpoint,
      concurrency: options.concurrency,
      timeout: options.timeout * 1000,
      strict: options.strict ?? settings.config.strict,
      staleAfter: settings.config.staleAfter,
    });
    report(result.files);
    limitWarnings(result.files, options.maxWarnings);
    // Name each file for small builds; batches of hundreds get the summary only.
    if (result.written.length <= 12) {
      for (const entry of result.written) {
        const path = outputFile ?? join(outputDir, entry.path);
        process.stderr.write(`wrote ${displayPath(process.cwd(), path)} (${sizeOf(entry)})\n`);
      }
    }
    for (const failure of result.failures) {
      if (reporter === 'text') process.stderr.write(`failed ${failure.name}: ${failure.reason}\n`);
      else reportFailure(`failed ${failure.name}: ${failure.reason}`);
    }
    const pages = result.written
      .filter((entry) => entry.path.endsWith('.pdf'))
      .reduce((sum, entry) => sum + entry.pages, 0);
    const bytes = result.written.reduce((sum, entry) => sum + entry.bytes, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `${result.written.length} file(s) written (${pages} pages, ${(bytes / 1048576).toFixed(1)} MiB), ` +
        `${result.cached} unchanged, ${result.failures.length} failed, in ${seconds} s` +
        `${result.printed ? '' : ' (nothing to print)'}\n`,
    );
    // A document that could not print is 4; one whose content was wrong (overflow) is 1.
    if (result.failures.some((failure) => !failure.content))
      process.exitCode = exitCodes.printFailed;
    else if (result.failures.length > 0) process.exitCode = exitCodes.content;
  });

program
  .command('browser')
  .description("install Chrome's headless shell to print with, where no browser is found")
  .argument('<action>', '`install`')
  .action(async (action: string) => {
    if (action !== 'install')
      error('USAGE', `Unknown action \`${action}\`: use \`briefkit browser install\``);
    const { installBrowser } = await import('./print/install-browser.js');
    const found = await installBrowser();
    if (!found) error('BROWSER_NOT_FOUND', (await import('./print/find-browser.js')).browserHelp);
    process.stderr.write(`printing with ${found.executablePath} (${found.origin})\n`);
  });

program
  .command('merge-manifests')
  .description('merge the manifests written by `build --shard i/n` into manifest.json')
  .option('--out <dir>', 'output folder', 'output')
  .action(async (options: { out: string }) => {
    const { mergeManifests } = await import('./build/manifest.js');
    const merged = await mergeManifests(resolve(options.out));
    process.stderr.write(
      `merged ${merged.shards} shard manifest(s): ${merged.files} file(s) in ${options.out}/manifest.json\n`,
    );
  });

program
  .command('check')
  .description('validate every brief without printing (no browser)')
  .argument('[inputs...]', 'brief ids, or a .md file')
  .addOption(contentOption)
  .addOption(strictOption())
  .addOption(configOption())
  .addOption(noConfigOption())
  .addOption(reporterOption())
  .addOption(maxWarningsOption())
  .option(
    '--links',
    'also request every source URL and warn about those that fail (the only command that goes online)',
  )
  .option(
    '--link-timeout <seconds>',
    'seconds to wait for each source URL to answer (with --links)',
    (value) => boundedNumber(value, '--link-timeout', maxTimeout),
    10,
  )
  .action(async (inputs: string[], options: CheckCommandFlags, command: Command) => {
    reporter = options.reporter ?? reporter;
    const settings = await settingsFor(command);
    const { readBriefs } = await import('./build/read-briefs.js');
    const result = await readBriefs({
      contentDir: settings.contentDir,
      ...splitInputs(inputs),
      limits: settings.document.limits,
      strict: options.strict ?? settings.config.strict,
      staleAfter: settings.config.staleAfter,
    });
    let links = '';
    if (options.links) {
      const { checkLinks } = await import('./ledger/check-links.js');
      const count = await checkLinks(result.loaded, { timeoutMs: options.linkTimeout * 1000 });
      links = `, ${count} source link(s) requested`;
    }
    report(result.files);
    if (!result.ok) process.exitCode = exitCodes.content;
    else process.stderr.write(`${result.briefs.length} brief(s) checked${links}\n`);
    limitWarnings(result.files, options.maxWarnings);
  });

program
  .command('sources')
  .description(
    'list every figure of each brief for fact-checkers: value as printed, as_of, source, URL, accessed date, and where it is used',
  )
  .argument('[inputs...]', 'brief ids, or a .md file')
  .addOption(contentOption)
  .addOption(new Option('--json', 'as JSON (an array of briefs)').conflicts('csv'))
  .addOption(new Option('--csv', 'as CSV (RFC 4180, one row a figure)').conflicts('json'))
  .addOption(configOption())
  .addOption(noConfigOption())
  .action(async (inputs: string[], options: SourcesFlags, command: Command) => {
    const { sourcesCommand } = await import('./ledger/command.js');
    await sourcesCommand(splitInputs(inputs), options, command);
  });

program
  .command('fetch-images')
  .description(
    "download each brief's web images (`![](https://…)`, badges) into its assets/web/ and rewrite the links: the only command that reaches the network",
  )
  .argument('[inputs...]', 'brief ids, or a .md file')
  .addOption(contentOption)
  .addOption(configOption())
  .addOption(noConfigOption())
  .action(async (inputs: string[], _options: unknown, command: Command) => {
    const { fetchImagesCommand } = await import('./fetch-images/command.js');
    await fetchImagesCommand(splitInputs(inputs), command);
  });

program
  .command('preview')
  .description('serve the briefs and decks as HTML on 127.0.0.1, reloading on every save')
  .argument('[ids...]', 'brief ids (default: all)')
  .addOption(contentOption)
  .option('--out <dir>', 'output folder for the PDFs rebuilt in the background', 'output')
  .option(
    '--port <n>',
    'port on 127.0.0.1 (the next free one is used when it is taken)',
    (value) => port(value),
    4400,
  )
  .option('--strict-port', 'exit when the port is taken instead of using the next free one')
  .option('--no-pdf', 'do not rebuild the PDFs after each change')
  .addOption(browserPathOption())
  .option('--allow-overflow', 'report slides that do not fit as warnings, not errors')
  .addOption(paperOption())
  .addOption(configOption())
  .addOption(noConfigOption())
  .action(async (ids: string[], options, command: Command) => {
    const { previewCommand } = await import('./preview/command.js');
    serving = true;
    await previewCommand(ids, options as PreviewFlags, command);
  });

program
  .command('new')
  .description('create content/<id>/ with a brief and a stats file that build at once')
  .argument('<id>', 'the new brief id: lower-case letters, digits and hyphens')
  .addOption(contentOption)
  .option('--title <title>', 'its title (default: made from the id)')
  .option('--date <date>', 'its date, YYYY-MM-DD (default: today)')
  .addOption(configOption())
  .addOption(noConfigOption())
  .action(async (id: string, options, command: Command) => {
    const { newCommand } = await import('./scaffold/command.js');
    await newCommand(id, options as NewFlags, command);
  });

program
  .command('release')
  .description(
    'build every document for a release (version stamp, SOURCE_DATE_EPOCH from the commit) and write output/release/ with SHA256SUMS',
  )
  .addOption(contentOption)
  .option('--out <dir>', 'output folder', 'output')
  .option('--version <label>', 'version label (default: the CI tag, else package.json)')
  .option('--dry-run', 'build and list what would be attached; uncommitted changes allowed')
  .option('--shard <i/n>', 'build one share of the documents (a CI matrix job)', (value) =>
    parseShardFlag(value),
  )
  .option('--collect', 'assemble the release from the shards built into the output folder')
  .option(
    '--concurrency <n>',
    'pages printed at once (default: number of cores, at least 3)',
    (value) => boundedNumber(value, '--concurrency', maxConcurrency),
  )
  .option(
    '--browser-ws-endpoint <url>',
    'print on a running Chrome instead of launching one',
    webSocketUrl,
  )
  .addOption(browserPathOption())
  .addOption(configOption())
  .addOption(noConfigOption())
  .action(async (options, command: Command) => {
    const { releaseCommand } = await import('./release/command.js');
    await releaseCommand(options as ReleaseFlags, command);
  });

interface CheckFlags {
  strict?: boolean;
  reporter?: ReporterName;
  maxWarnings?: number;
}

interface CheckCommandFlags extends CheckFlags {
  /** `check --links`: request every source URL. */
  links?: boolean;
  linkTimeout: number;
}

interface BuildFlags extends CheckFlags {
  content: string;
  out: string;
  format?: OutputKind[];
  handout?: HandoutLayout;
  allowOverflow?: boolean;
  browserWsEndpoint?: string;
  concurrency?: number;
  timeout: number;
  shard?: Shard;
  force?: boolean;
}

/** Brief ids, or one Markdown file (or brief folder) given by path. */
function splitInputs(inputs: readonly string[]): { ids: string[]; file: string | undefined } {
  const files = inputs.filter(isFileInput);
  if (files.length === 0) return { ids: [...inputs], file: undefined };
  if (inputs.length > 1)
    error('USAGE', `Give one Markdown file, or brief ids, not both: ${inputs.join(' ')}`);
  return { ids: [], file: files[0] };
}

/** "6 pages, 110 KiB" for a PDF, "17 slides, 83 KiB" for a PowerPoint deck, "430 KiB" for a page. */
function sizeOf(entry: { path: string; pages: number; bytes: number }): string {
  const size = `${Math.round(entry.bytes / 1024)} KiB`;
  if (entry.path.endsWith('.pdf')) return `${entry.pages} pages, ${size}`;
  if (entry.path.endsWith('.pptx')) return `${entry.pages} slides, ${size}`;
  return size;
}

function parseFormats(value: string): OutputKind[] {
  const formats = value
    .split(',')
    .map((format) => format.trim())
    .filter(Boolean);
  const choices = `${outputKinds.join(', ')} (pptx: the deck as an editable PowerPoint file; web: brief.html)`;
  const unknown = formats.find((format) => !(outputKinds as readonly string[]).includes(format));
  if (unknown !== undefined)
    throw new InvalidArgumentError(
      `\`${unknown}\` is not an output${didYouMean(unknown, outputKinds)}: choose from ${choices}`,
    );
  if (formats.length === 0)
    throw new InvalidArgumentError(`expected a comma-separated list of ${choices}`);
  return formats as OutputKind[];
}

function port(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new InvalidArgumentError('--port must be a whole number from 0 to 65535');
  return number;
}

/** `--shard 2/4` → { index: 2, count: 4 }. */
function parseShardFlag(value: string): Shard {
  const shard = readShard(value);
  if (!shard)
    throw new InvalidArgumentError(`--shard takes i/n with 1 ≤ i ≤ n ≤ ${maxShards} (e.g. 2/8)`);
  return shard;
}

function wholeNumber(value: string, flag: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(number))
    throw new InvalidArgumentError(`${flag} must be a whole number (0 or more)`);
  return number;
}

/** Pages at once: more than this only makes Chromium thrash. */
const maxConcurrency = 64;
/** Seconds per document: a day. Node's timers overflow past 24.8 days and fire at once. */
const maxTimeout = 86_400;

function boundedNumber(value: string, flag: string, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < 1 || number > max)
    throw new InvalidArgumentError(`${flag} must be a whole number from 1 to ${max}`);
  return number;
}

function webSocketUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:'))
    throw new InvalidArgumentError(
      'expected a ws:// or wss:// URL, such as the `webSocketDebuggerUrl` of http://host:9222/json/version',
    );
  return value;
}

// `--browser-path` for every command that prints, and the builds they start.
program.hook('preAction', (_program, action) => {
  const path = action.opts<{ browserPath?: string }>().browserPath;
  if (path === undefined) return;
  if (!existsSync(path)) error('USAGE', `--browser-path ${path}: no such file`);
  process.env.BRIEFKIT_BROWSER_PATH = resolve(path);
});

// Ctrl-C, CI timeouts and a closed terminal end the process through `exit`, where half-written
// files are removed, or at once during parsing (src/signals.ts); the browser goes with it.
exitOnSignals();

// No top-level await: the bundled CLI is a CommonJS script (see scripts/bundle.js).
program
  .parseAsync()
  .catch((cause: unknown) => {
    if (cause instanceof BriefkitError) {
      report(cause.files);
      reportFailure(cause.message);
      process.exitCode = exitCodeOf(cause.code);
    } else {
      reportFailure(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause));
      process.exitCode = exitCodes.content;
    }
  })
  .finally(() => {
    // A command that has answered is done: a socket left open (a remote browser that never
    // answered the handshake) must not keep the process alive. A second's grace for what ends on
    // its own; the timer itself keeps nothing alive. The preview serves on after its command.
    if (!serving) setTimeout(() => process.exit(), 1_000).unref();
  });
