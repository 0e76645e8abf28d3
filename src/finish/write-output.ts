import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { removeStale } from '../stale-files.js';

/** Writes to a temporary name beside the target, then renames: readers never see half a file. */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  sweep(dirname(path));
  const temporary = join(
    dirname(path),
    `.${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`,
  );
  inFlight.add(temporary);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw cause;
  } finally {
    inFlight.delete(temporary);
  }
}

/** Once per folder: the temporary files of a killed build, left beside their targets, go. */
const swept = new Set<string>();
function sweep(dir: string): void {
  if (swept.has(dir)) return;
  swept.add(dir);
  void removeStale(dir, /^\.[0-9a-z]+-(\d+)-[0-9a-z]*\.tmp$/);
}

/** Temporary files being written: removed if the process is stopped (Ctrl-C, a CI timeout). */
const inFlight = new Set<string>();
process.once('exit', () => {
  for (const temporary of inFlight) rmSync(temporary, { force: true });
});
