import { rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { error } from '../errors.js';
import { removeStale } from '../stale-files.js';
import { cleanupPending } from '../signals.js';

/**
 * Writes to a temporary name beside the target, then renames: readers never see half a file, and
 * a write that fails (a full disk, a folder that is not writable) leaves the file as it was and
 * no temporary file, with an error naming the file.
 */
export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`,
  );
  inFlight.add(temporary);
  const cleaned = cleanupPending();
  try {
    await mkdir(dirname(path), { recursive: true });
    sweep(dirname(path));
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (cause) {
    await rm(temporary, { force: true }).catch(() => undefined);
    error(
      'OUTPUT_FAILED',
      `Could not write ${path}: ${describe(cause)}; the file as it was is kept`,
    );
  } finally {
    inFlight.delete(temporary);
    cleaned();
  }
}

/** The reason a write failed, in words, with the system's code for searching. */
function describe(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ? reasons[code] : undefined;
  if (reason) return `${reason} (${code})`;
  return cause instanceof Error ? cause.message : String(cause);
}

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied: the folder is not writable',
  EPERM: 'permission denied: the folder is not writable',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a file stands where a folder of the path should be',
  EISDIR: 'a folder stands at that path',
};

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
