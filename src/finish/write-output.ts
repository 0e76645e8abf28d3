import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/** Writes to a temporary name beside the target, then renames: readers never see half a file. */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`,
  );
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  }
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  pages: number;
  sha256: string;
}

export const sha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('hex');

/** Adds or replaces entries in `output/manifest.json`; entries of briefs not rebuilt are kept. */
export async function updateManifest(
  outputDir: string,
  entries: readonly ManifestEntry[],
): Promise<void> {
  const path = join(outputDir, 'manifest.json');
  const previous = await readFile(path, 'utf8')
    .then((text) => (JSON.parse(text) as { files?: ManifestEntry[] }).files ?? [])
    .catch(() => [] as ManifestEntry[]);
  const byPath = new Map(previous.map((entry) => [entry.path, entry]));
  for (const entry of entries) byPath.set(entry.path, entry);
  const files = [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  await writeAtomic(path, `${JSON.stringify({ files }, null, 2)}\n`);
}

export const manifestPath = (outputDir: string, file: string): string =>
  relative(outputDir, file).split('\\').join('/');
