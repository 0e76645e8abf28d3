/**
 * Shard manifests come from other machines: `merge-manifests` (and `release --collect`, which
 * reads them the same way) checks their shape and paths, and writes nothing when one is wrong.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir, runCli, sourceDateEpoch } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('manifest-input');
});
afterAll(async () => {
  await removeDir(dir);
});

const sum = 'ab'.repeat(32);
const entry = (path: string) => ({ path, bytes: 1, pages: 1, sha256: sum, key: 'k' });

describe('merge-manifests: shard manifests are checked, not trusted', () => {
  it.each([
    [
      'a path out of the output folder',
      JSON.stringify({ files: [entry('../../etc/hostname')] }),
      'entry 1 names `../../etc/hostname`, which is not a file inside the output folder',
    ],
    [
      'an absolute path',
      JSON.stringify({ files: [entry('a/b.pdf'), entry('/dev/zero')] }),
      'entry 2 names `/dev/zero`, which is not a file inside the output folder',
    ],
    [
      'a Windows drive path',
      JSON.stringify({ files: [entry('C:/x.pdf')] }),
      'entry 1 names `C:/x.pdf`, which is not a file inside the output folder',
    ],
    ['text that is not JSON', '{not json', 'not JSON'],
    ['no list of files', '{"files": {}}', 'no `files` list'],
    [
      'an entry without a path',
      '{"files": [{"bytes": 1}]}',
      'entry 1 lacks a path, bytes or sha256',
    ],
    [
      'a negative size',
      JSON.stringify({ files: [{ ...entry('a/b.pdf'), bytes: -1 }] }),
      'entry 1 (`a/b.pdf`): bytes and pages must be whole numbers, sha256 64 hexadecimal digits',
    ],
    [
      'a size past any file',
      JSON.stringify({ files: [{ ...entry('a/b.pdf'), bytes: 1e308 }] }),
      'entry 1 (`a/b.pdf`): bytes and pages must be whole numbers, sha256 64 hexadecimal digits',
    ],
    [
      'a checksum that is not one',
      JSON.stringify({ files: [{ ...entry('a/b.pdf'), sha256: 'zz' }] }),
      'entry 1 (`a/b.pdf`): bytes and pages must be whole numbers, sha256 64 hexadecimal digits',
    ],
    [
      'a control character in a path',
      JSON.stringify({ files: [entry('a/b\u0000.pdf')] }),
      'entry 1 names `a/b\u0000.pdf`, which is not a file inside the output folder',
    ],
    [
      'the manifest itself',
      JSON.stringify({ files: [entry('manifest.json')] }),
      "entry 1 names `manifest.json`, which is briefkit's own file, not an output",
    ],
    [
      "a release's file",
      JSON.stringify({ files: [entry('release/SHA256SUMS')] }),
      "entry 1 names `release/SHA256SUMS`, which is briefkit's own file, not an output",
    ],
    [
      'one path twice',
      JSON.stringify({ files: [entry('a/b.pdf'), entry('a/b.pdf')] }),
      'entry 2 lists `a/b.pdf` a second time',
    ],
  ])(
    'refuses %s with one clear error, exit 2, and writes no manifest.json',
    async (name, text, problem) => {
      const out = join(dir, name.replace(/\W+/g, '-'));
      await mkdir(out, { recursive: true });
      await writeFile(join(out, 'manifest.shard-1-of-1.json'), text);
      const result = await runCli(['merge-manifests', '--out', out], { cwd: dir });
      expect(result.stderr).toBe(
        `briefkit: manifest.shard-1-of-1.json: ${problem}; build it again\n`,
      );
      expect(result.code).toBe(2);
      expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    },
  );

  it.each([['merge-manifests'], ['release --collect']])(
    '%s refuses a shard manifest named for 10^20 shards with one clear error (a RangeError stack, or 1.6 GB and an abort for 3·10^8)',
    async (command) => {
      const root = join(dir, `count-${command.replace(/\W+/g, '-')}`);
      const out = join(root, 'output');
      await mkdir(out, { recursive: true });
      await writeFile(join(root, 'package.json'), '{"name": "x", "version": "1.0.0"}');
      const name = 'manifest.shard-1-of-99999999999999999999.json';
      await writeFile(join(out, name), JSON.stringify({ files: [] }));
      const result = await runCli(
        command === 'merge-manifests'
          ? ['merge-manifests', '--out', out]
          : ['release', '--dry-run', '--collect'],
        { cwd: root, env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } },
      );
      expect(result.stderr).toContain(
        `briefkit: ${name} is not a shard manifest a build writes (i of n, 1 ≤ i ≤ n ≤ 10000): remove it\n`,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.code).toBe(2);
      expect(existsSync(join(out, 'manifest.json'))).toBe(false);
      expect(existsSync(join(out, 'release'))).toBe(false);
    },
  );

  it('merges a well-formed shard manifest', async () => {
    const out = join(dir, 'good');
    await mkdir(out, { recursive: true });
    await writeFile(
      join(out, 'manifest.shard-1-of-1.json'),
      JSON.stringify({ files: [entry('a/brief.pdf')] }),
    );
    const result = await runCli(['merge-manifests', '--out', out], { cwd: dir });
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });
});

describe('release --collect: each path a shard lists is a regular file inside the output folder', () => {
  it.each([
    ['a link to a file outside', 'a/brief.pdf', 'outside'],
    ['a file through a linked folder', 'etc/hostname', 'outside'],
    ['a FIFO, which would never end reading', 'a/brief.pdf', 'fifo'],
    ['a folder', 'a/brief.pdf', 'folder'],
    ['a missing file', 'a/brief.pdf', 'missing'],
  ] as const)(
    'refuses %s with one clear error, exit 2, and writes no release',
    async (name, path, kind) => {
      const root = join(dir, `collect-${name.replace(/\W+/g, '-')}`);
      const out = join(root, 'output');
      await mkdir(join(out, 'a'), { recursive: true });
      await writeFile(join(root, 'package.json'), '{"name": "x", "version": "1.0.0"}');
      if (kind === 'outside' && path === 'a/brief.pdf')
        await symlink('/etc/hostname', join(out, path));
      if (kind === 'outside' && path === 'etc/hostname') await symlink('/etc', join(out, 'etc'));
      if (kind === 'fifo') execFileSync('mkfifo', [join(out, path)]);
      if (kind === 'folder') await mkdir(join(out, path));
      await writeFile(
        join(out, 'manifest.shard-1-of-1.json'),
        JSON.stringify({ files: [entry(path)] }),
      );
      const result = await runCli(['release', '--dry-run', '--collect'], {
        cwd: root,
        env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
      });
      const problem = {
        outside: 'a link to a file outside the output folder, which a release never attaches',
        fifo: 'not a regular file (a folder, a FIFO or a device), which a release never attaches',
        folder: 'not a regular file (a folder, a FIFO or a device), which a release never attaches',
        missing: 'not in the output folder: build again',
      }[kind];
      expect(result.stderr).toContain(`briefkit: ${path}: ${problem}\n`);
      expect(result.code).toBe(2);
      expect(existsSync(join(out, 'release'))).toBe(false);
    },
  );
});
