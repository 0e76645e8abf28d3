import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { error } from '../errors.js';
import { withLock } from '../finish/lock-file.js';
import { writeAtomic } from '../finish/write-output.js';

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

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

export const manifestName = (shard?: { index: number; count: number }): string =>
  shard ? `manifest.shard-${shard.index}-of-${shard.count}.json` : 'manifest.json';

export async function readManifest(
  outputDir: string,
  name = 'manifest.json',
): Promise<Map<string, ManifestEntry>> {
  const files = await readFile(join(outputDir, name), 'utf8')
    .then((text) => (JSON.parse(text) as { files?: ManifestEntry[] }).files ?? [])
    .catch(() => [] as ManifestEntry[]);
  return new Map(files.map((entry) => [entry.path, entry]));
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
  if (!info || info.size !== entry.bytes) return false;
  return sha256(await readFile(file)) === entry.sha256;
}

/** Folds every shard's manifest (and an existing manifest.json) into manifest.json. */
export async function mergeManifests(
  outputDir: string,
): Promise<{ shards: number; files: number }> {
  const names = (await readdir(outputDir).catch(() => [] as string[]))
    .filter((name) => /^manifest\.shard-\d+-of-\d+\.json$/.test(name))
    .sort();
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
