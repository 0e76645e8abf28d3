import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { error } from '../errors.js';
import { withLock } from '../finish/lock-file.js';
import { writeAtomic } from '../finish/write-output.js';
import { sha256 } from '../hash.js';
import { maxShards, readShard } from './shard.js';

/** One output as `output/manifest.json` lists it. */
export interface ManifestEntry {
  /** Relative to the output folder, with `/`. */
  path: string;
  bytes: number;
  pages: number;
  sha256: string;
  /** The cache key it was built from (see build/plan.ts). */
  key: string;
}

/** The manifest, a shard's manifest, or the lock of either, in the output folder. */
const ownFile = /^\.?manifest(\.shard-\d+-of-\d+)?\.json(\.lock)?$/;

export const manifestName = (shard?: { index: number; count: number }): string =>
  shard ? `manifest.shard-${shard.index}-of-${shard.count}.json` : 'manifest.json';

/**
 * A manifest's entries by path. `required`: a missing or unreadable manifest is an error (a
 * release collecting shards); otherwise it reads as empty (a first build).
 */
export async function readManifest(
  outputDir: string,
  name = 'manifest.json',
  required = false,
): Promise<Map<string, ManifestEntry>> {
  const text = await readFile(join(outputDir, name), 'utf8').catch((cause: unknown) => {
    if (required) throw cause;
    return undefined;
  });
  if (text === undefined) return new Map();
  // A shard manifest comes from another machine: its paths are checked, never trusted.
  const strict = required || name !== 'manifest.json';
  const files = checkedEntries(text, strict ? name : undefined);
  return new Map(files.map((entry) => [entry.path, entry]));
}

/**
 * The entries of a manifest whose shape is right and whose paths stay inside the output folder
 * (`brief/brief.pdf`, never `../x`, `/etc/x` or `C:\\x`). With `name`, anything else is an error
 * naming the file and the entry; without, the manifest reads as empty (a first build).
 */
function checkedEntries(text: string, name: string | undefined): ManifestEntry[] {
  const fail = (problem: string): ManifestEntry[] =>
    name === undefined ? [] : error('USAGE', `${name}: ${problem}; build it again`);
  let files: unknown;
  try {
    files = (JSON.parse(text) as { files?: unknown } | null)?.files;
  } catch {
    return fail('not JSON');
  }
  if (!Array.isArray(files)) return fail('no `files` list');
  const seen = new Set<string>();
  for (const [index, entry] of files.entries()) {
    const { path, bytes, pages, sha256: sum } = (entry ?? {}) as Partial<ManifestEntry>;
    if (typeof path !== 'string' || typeof bytes !== 'number' || typeof sum !== 'string')
      return fail(`entry ${index + 1} lacks a path, bytes or sha256`);
    const parts = path.split('/');
    if (
      path === '' ||
      path.includes('\\') ||
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u001f\u007f]/.test(path) ||
      /^[A-Za-z]:/.test(path) ||
      parts.some((part) => part === '..' || part === '.' || part === '')
    )
      return fail(
        `entry ${index + 1} names \`${path}\`, which is not a file inside the output folder`,
      );
    // briefkit's own files are never outputs: a manifest listing them would have a release
    // attach a manifest, or a lock, as a document.
    if (parts[0] === 'release' || ownFile.test(path))
      return fail(
        `entry ${index + 1} names \`${path}\`, which is briefkit's own file, not an output`,
      );
    if (
      !Number.isSafeInteger(bytes) ||
      bytes < 0 ||
      !/^[0-9a-f]{64}$/.test(sum) ||
      (pages !== undefined && (!Number.isSafeInteger(pages) || pages < 0))
    )
      return fail(
        `entry ${index + 1} (\`${path}\`): bytes and pages must be whole numbers, sha256 64 hexadecimal digits`,
      );
    if (seen.has(path)) return fail(`entry ${index + 1} lists \`${path}\` a second time`);
    seen.add(path);
  }
  return files as ManifestEntry[];
}

/**
 * The shard manifests (`manifest.shard-i-of-n.json`) in the output folder, sorted. A name no
 * build writes (`-of-99999999999999999999`, `0-of-2`) is an error: its count would have the
 * release look for that many shards.
 */
export async function shardManifests(outputDir: string): Promise<string[]> {
  const names = (await readdir(outputDir).catch(() => [] as string[]))
    .filter((name) => /^manifest\.shard-\d+-of-\d+\.json$/.test(name))
    .sort();
  for (const name of names) {
    const [, index, count] = /^manifest\.shard-(\d+)-of-(\d+)\.json$/.exec(name) ?? [];
    if (!readShard(`${index}/${count}`))
      error(
        'USAGE',
        `${name} is not a shard manifest a build writes (i of n, 1 ≤ i ≤ n ≤ ${maxShards}): remove it`,
      );
  }
  return names;
}

/**
 * Adds or replaces entries; entries of documents not rebuilt this time are kept. Under a lock,
 * on top of the manifest as it is on disk at that moment: two builds into one output folder
 * each keep the other's entries.
 */
export async function writeManifest(
  outputDir: string,
  previous: ReadonlyMap<string, ManifestEntry>,
  entries: readonly ManifestEntry[],
  name = 'manifest.json',
): Promise<void> {
  await mkdir(outputDir, { recursive: true });
  await withLock(join(outputDir, `.${name}.lock`), async () => {
    const byPath = new Map(previous);
    for (const [path, entry] of await readManifest(outputDir, name)) byPath.set(path, entry);
    for (const entry of entries) byPath.set(entry.path, entry);
    const files = [...byPath.values()].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
    await writeAtomic(join(outputDir, name), `${JSON.stringify({ files }, null, 2)}\n`);
  });
}

/**
 * An output is fresh when the manifest lists it under the same key and the file on disk is the
 * one the manifest describes (same size and hash): a hand-edited or truncated file is rebuilt.
 */
export async function isFresh(
  outputDir: string,
  path: string,
  key: string,
  manifest: ReadonlyMap<string, ManifestEntry>,
): Promise<boolean> {
  const entry = manifest.get(path);
  if (!entry || entry.key !== key) return false;
  const file = join(outputDir, path);
  const info = await stat(file).catch(() => undefined);
  // Only a regular file: reading a FIFO or a device put in its place would never end.
  if (!info?.isFile() || info.size !== entry.bytes) return false;
  return sha256(await readFile(file)) === entry.sha256;
}

/** Folds every shard's manifest (and an existing manifest.json) into manifest.json. */
export async function mergeManifests(
  outputDir: string,
): Promise<{ shards: number; files: number }> {
  const names = await shardManifests(outputDir);
  // Nothing to merge means the shards wrote elsewhere or did not run: a CI step must not pass.
  if (names.length === 0)
    error(
      'USAGE',
      `No shard manifests (manifest.shard-i-of-n.json) in ${outputDir}: run \`briefkit build --shard i/n\` into it first`,
    );
  let merged = await readManifest(outputDir);
  for (const name of names) merged = new Map([...merged, ...(await readManifest(outputDir, name))]);
  // As entries, not as the base: the shards' entries win over the manifest on disk.
  await writeManifest(outputDir, new Map(), [...merged.values()]);
  return { shards: names.length, files: merged.size };
}

export const manifestPath = (outputDir: string, file: string): string =>
  relative(outputDir, file).split('\\').join('/');
