import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { BuildOptions, BuildResult } from '../build/types.js';
import type { DocumentSettings } from '../config/settings.js';
import { error } from '../errors.js';
import { sha256 as hash } from '../hash.js';
import { formatMessages } from '../report.js';
import { resolveInside } from '../load/resolve-inside.js';
import { ledgerFiles } from './ledger-files.js';
import { releaseEpoch, stampText, uncommitted, versionLabel } from './version.js';
import { readManifest, shardManifests } from '../build/manifest.js';
import type { Shard } from '../build/shard.js';

/** The folder under the output folder that holds exactly what is attached to a release. */
export const assetsFolder = 'release';

export type { Shard } from '../build/shard.js';

export interface ReleaseOptions {
  cwd: string;
  contentDir: string;
  outputDir: string;
  document: DocumentSettings;
  /** `--version`; else the CI tag, else package.json. */
  version?: string | undefined;
  /** Build and list what would be attached; tolerate uncommitted changes. */
  dryRun?: boolean | undefined;
  /** Build this share only (a CI matrix job); `collect` assembles the release afterwards. */
  shard?: Shard | undefined;
  /** Assemble the release from the shards' outputs (no build, no browser). */
  collect?: boolean | undefined;
  concurrency?: number | undefined;
  browserWSEndpoint?: string | undefined;
  /** Config `strict` and `staleAfter`: a release checks its figures as `check` does. */
  strict?: boolean | undefined;
  staleAfter?: number | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  log?: ((line: string) => void) | undefined;
  /** The build to run (tests pass their own). */
  build?: ((options: BuildOptions) => Promise<BuildResult>) | undefined;
}

export interface ReleaseAsset {
  /** File name on the release, e.g. `mexico-us-brief.pdf`. */
  name: string;
  /** Where it came from, relative to the output folder. */
  path: string;
  bytes: number;
  pages: number;
  sha256: string;
}

/** A brief's sources ledger on the release (`<brief>-sources.csv`, as `sources --csv` prints it). */
export interface ReleaseLedger {
  name: string;
  brief: string;
  /** Its rows: every stat, series and source cited with `:cite`. */
  figures: number;
  bytes: number;
  sha256: string;
}

export interface ReleaseResult {
  version: string;
  epoch: number;
  stamp: string;
  /** The folder of attachments, or undefined for a shard (nothing to attach yet). */
  assetsDir: string | undefined;
  /** Absolute paths of the files to attach: the documents, ledgers, manifest.json, SHA256SUMS. */
  attach: string[];
  assets: ReleaseAsset[];
  ledgers: ReleaseLedger[];
}

/** A file as a build's manifest lists it. */
interface BuiltFile {
  path: string;
  bytes: number;
  pages: number;
  sha256: string;
}

/**
 * The release, as CI runs it on a tag and a writer runs it with `--dry-run`: a checked version
 * label, SOURCE_DATE_EPOCH from the released commit, every document rebuilt with the version stamp,
 * then `output/release/` with the documents under unique names, each brief's sources ledger,
 * manifest.json and SHA256SUMS.
 */
export async function release(options: ReleaseOptions): Promise<ReleaseResult> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const version = versionLabel({ flag: options.version, env, cwd: options.cwd });
  const { epoch, origin } = await releaseEpoch(env, options.cwd);
  const stamp = stampText(version, epoch);
  log(`release ${version}: documents dated ${isoDate(epoch)} (from ${origin})`);

  const changes = await uncommitted(options.cwd);
  if (changes && changes.length > 0) {
    const list = changes.slice(0, 5).join(', ') + (changes.length > 5 ? ', …' : '');
    if (!options.dryRun) {
      error(
        'USAGE',
        `Uncommitted changes (${list}): a release is built from a commit. Commit them, or try it with --dry-run`,
      );
    }
    log(`dry run with uncommitted changes (${list})`);
  }

  if (!options.collect) {
    const build = options.build ?? (await import('../build/build.js')).build;
    const result = await build({
      contentDir: options.contentDir,
      outputDir: options.outputDir,
      cwd: options.cwd,
      shard: options.shard,
      // A release never trusts the cache: every document is printed with this stamp and date.
      force: true,
      concurrency: options.concurrency,
      browserWSEndpoint: options.browserWSEndpoint,
      document: { ...options.document, stamp },
      epoch,
      strict: options.strict,
      staleAfter: options.staleAfter,
    });
    const messages = formatMessages(result.files);
    if (messages) log(messages);
    if (result.failures.length > 0) {
      error(
        'PRINT_FAILED',
        `${result.failures.length} document(s) failed, so there is no release: ${result.failures
          .map((failure) => `${failure.name}: ${failure.reason}`)
          .join('; ')}`,
      );
    }
    if (options.shard) {
      log(
        `shard ${options.shard.index}/${options.shard.count}: ${result.written.length} file(s) built; ` +
          'when every shard is done, `briefkit release --collect` assembles the release',
      );
      return { version, epoch, stamp, assetsDir: undefined, attach: [], assets: [], ledgers: [] };
    }
    return assemble(options, version, epoch, stamp, result.written, log);
  }
  return assemble(options, version, epoch, stamp, await shardEntries(options.outputDir), log);
}

/** Every shard's manifest, all present and of one matrix. */
async function shardEntries(outputDir: string): Promise<BuiltFile[]> {
  const names = await shardManifests(outputDir);
  if (names.length === 0) {
    error(
      'USAGE',
      `No shard manifests (manifest.shard-i-of-n.json) in ${outputDir}: run \`briefkit release --shard i/n\` for every shard first`,
    );
  }
  const counts = new Set(names.map((name) => Number(/-of-(\d+)\.json$/.exec(name)?.[1])));
  const [count] = counts;
  if (counts.size !== 1 || count === undefined)
    error('USAGE', `Shard manifests of different matrices in ${outputDir}: ${names.join(', ')}`);
  const present = new Set(names);
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter(
    (index) => !present.has(`manifest.shard-${index}-of-${count}.json`),
  );
  if (missing.length > 0)
    error('USAGE', `Shard(s) ${missing.join(', ')} of ${count} are missing from ${outputDir}`);
  const entries = new Map<string, BuiltFile>();
  for (const name of names) {
    for (const [path, entry] of await readManifest(outputDir, name, true)) entries.set(path, entry);
  }
  return [...entries.values()];
}

/** Why a manifest's path cannot be attached, by what `resolveInside` found. */
const notAttachable = {
  outside: 'a link to a file outside the output folder, which a release never attaches',
  missing: 'not in the output folder: build again',
  'not-file': 'not a regular file (a folder, a FIFO or a device), which a release never attaches',
} as const;

async function assemble(
  options: ReleaseOptions,
  version: string,
  epoch: number,
  stamp: string,
  entries: readonly BuiltFile[],
  log: (line: string) => void,
): Promise<ReleaseResult> {
  if (entries.length === 0) error('USAGE', 'Nothing was built, so there is nothing to release');
  const assetsDir = join(options.outputDir, assetsFolder);
  const byName = new Map<string, ReleaseAsset>();
  for (const entry of [...entries].sort((a, b) => compare(a.path, b.path))) {
    if (entry.path.split('/')[0] === assetsFolder) {
      error(
        'USAGE',
        `A brief named \`${assetsFolder}\` would mix its files with the release's: rename content/${assetsFolder}`,
      );
    }
    const name = entry.path.split('/').join('-');
    const clash = byName.get(name);
    if (clash)
      error(
        'USAGE',
        `${clash.path} and ${entry.path} would both be attached as ${name}: rename one`,
      );
    // Only a regular file inside the output folder, links resolved: a shard's manifest (or what
    // came with it) must not attach /etc/hostname through a link, nor hang on a FIFO or device.
    const file = resolveInside(options.outputDir, entry.path);
    if (!('path' in file)) error('USAGE', `${entry.path}: ${notAttachable[file.problem]}`);
    // What is attached is what the build wrote: a file changed since (or damaged on its way
    // from a shard) stops the release.
    const bytes = await readFile(file.path);
    const sha256 = hash(bytes);
    if (sha256 !== entry.sha256 || bytes.length !== entry.bytes) {
      error(
        'USAGE',
        `${entry.path} is not the file the build wrote (its checksum differs): build again`,
      );
    }
    byName.set(name, { name, path: entry.path, bytes: entry.bytes, pages: entry.pages, sha256 });
  }
  const assets = [...byName.values()];
  // Each released brief's ledger of figures, so a fact-checker can trace every number in it.
  const briefs = [...new Set(assets.map((asset) => asset.path.split('/')[0] ?? ''))];
  const ledgerTexts = await ledgerFiles({
    contentDir: options.contentDir,
    cwd: options.cwd,
    briefs,
    limits: options.document.limits,
  });
  const ledgers: ReleaseLedger[] = ledgerTexts.map((file) => {
    const clash = byName.get(file.name);
    if (clash)
      error(
        'USAGE',
        `${clash.path} would be attached as ${file.name}, the name of a sources ledger: rename it`,
      );
    const bytes = Buffer.from(file.text);
    return {
      name: file.name,
      brief: file.brief,
      figures: file.figures,
      bytes: bytes.length,
      sha256: hash(bytes),
    };
  });

  await rm(assetsDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });
  for (const asset of assets)
    await copyFile(join(options.outputDir, asset.path), join(assetsDir, asset.name));
  for (const file of ledgerTexts) await writeFile(join(assetsDir, file.name), file.text);
  const manifest = `${JSON.stringify(
    { version, sourceDateEpoch: epoch, date: isoDate(epoch), files: assets, ledgers },
    null,
    2,
  )}\n`;
  await writeFile(join(assetsDir, 'manifest.json'), manifest);
  const sums = [
    ...assets.map((asset) => [asset.sha256, asset.name] as const),
    ...ledgers.map((ledger) => [ledger.sha256, ledger.name] as const),
    [hash(Buffer.from(manifest)), 'manifest.json'] as const,
  ]
    .sort((a, b) => compare(a[1], b[1]))
    .map(([sha, name]) => `${sha}  ${name}\n`)
    .join('');
  await writeFile(join(assetsDir, 'SHA256SUMS'), sums);

  const attach = [
    ...assets.map((asset) => asset.name),
    ...ledgers.map((ledger) => ledger.name),
    'manifest.json',
    'SHA256SUMS',
  ].map((name) => join(assetsDir, name));
  const shown = relative(options.cwd, assetsDir) || assetsDir;
  log(
    options.dryRun
      ? `dry run: would attach ${attach.length} file(s) from ${shown}/ to release ${version}:`
      : `release ${version}: ${attach.length} file(s) to attach in ${shown}/:`,
  );
  for (const asset of assets)
    log(
      `  ${asset.name}  (${asset.pages} pages, ${Math.ceil(asset.bytes / 1024)} KiB, from ${asset.path})`,
    );
  for (const ledger of ledgers)
    log(`  ${ledger.name}  (sources ledger: ${ledger.figures} figure(s) of ${ledger.brief})`);
  log('  manifest.json');
  log('  SHA256SUMS  (check with: sha256sum -c SHA256SUMS)');
  return { version, epoch, stamp, assetsDir, attach, assets, ledgers };
}

const isoDate = (epoch: number): string => new Date(epoch * 1000).toISOString().slice(0, 10);
/** Code-point order: the same on every machine, whatever its locale. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
