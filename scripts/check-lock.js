// Lint: package-lock.json must be what npm makes of package.json, so that `npm install` in a
// fresh clone rewrites nothing (and `npm run release` does not then refuse uncommitted changes).
// npm copies package.json's root entry (bin, engines, license, dependencies, whether it has
// install scripts) into the lock; an edit of package.json without `npm install` leaves a lock
// the next install rewrites. Checked in a copy, offline: the lock is not touched here.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = await mkdtemp(join(tmpdir(), 'briefkit-lock-'));
try {
  for (const name of ['package.json', 'package-lock.json'])
    await copyFile(join(root, name), join(dir, name));
  execFileSync(
    'npm',
    ['install', '--package-lock-only', '--ignore-scripts', '--offline', '--no-audit', '--no-fund'],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const [committed, made] = await Promise.all(
    [root, dir].map((folder) => readFile(join(folder, 'package-lock.json'), 'utf8')),
  );
  if (committed !== made) {
    process.stderr.write(
      'package-lock.json does not match package.json: run `npm install` and commit package-lock.json\n',
    );
    process.exitCode = 1;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
