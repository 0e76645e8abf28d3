import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Temporary files and folders carry the id of the process that made them, so that one killed
 * (SIGKILL, a machine stopped, where no `exit` handler runs) can be told from one still working:
 * the next run removes those whose process is gone.
 */
export async function removeStale(dir: string, pattern: RegExp): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(pattern.exec(name)?.[1]);
      if (!pid || pid === process.pid || isAlive(pid)) return;
      await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    // EPERM: alive, another user's.
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}
