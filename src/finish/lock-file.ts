import { rmSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { error } from '../errors.js';
import { isAlive } from '../stale-files.js';
import { cleanupPending } from '../signals.js';

/** Longer than any manifest write; a holder that takes longer is stuck. */
const patience = 30_000;

/**
 * Runs `task` holding the lock file `path` (created exclusively, holding our process id), so
 * that builds running at once take turns. A lock whose process is gone (a build killed outright)
 * is taken over; one held longer than `patience` is an error naming its holder.
 */
export async function withLock<T>(path: string, task: () => Promise<T>): Promise<T> {
  const until = Date.now() + patience;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    const handle = await open(path, 'wx').catch((cause: NodeJS.ErrnoException) => {
      if (cause.code !== 'EEXIST') throw cause;
      return undefined;
    });
    if (handle) {
      held.add(path);
      const cleaned = cleanupPending();
      try {
        await handle.writeFile(String(process.pid));
        await handle.close();
        return await task();
      } finally {
        held.delete(path);
        await rm(path, { force: true }).finally(cleaned);
      }
    }
    const holder = Number(await readFile(path, 'utf8').catch(() => ''));
    // Just created and not yet written (0), or written by a live process: wait for it.
    if (holder > 0 && !isAlive(holder)) {
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > until)
      error(
        'OUTPUT_FAILED',
        `${path} has been held by process ${holder || '(unknown)'} for ${patience / 1000} s; if no other build is running, remove it`,
      );
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Locks held: released if the process is stopped (Ctrl-C, a CI timeout) while holding one. */
const held = new Set<string>();
process.once('exit', () => {
  for (const path of held) rmSync(path, { force: true });
});
