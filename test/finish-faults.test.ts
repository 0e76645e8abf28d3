/**
 * Faults lose nothing, and builds at once keep each other's work: two builds of different briefs
 * into one output folder keep both builds' manifest entries; a full disk or an output folder that
 * cannot be written gives one clear error naming the file and leaves the previous files, the
 * manifest and no temporary files; a manifest lock left by a killed build is taken over.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, makeTempDir, removeDir, runCli } from './helpers.js';
import { browserGroups, startCli, survivors } from './process-helpers.js';

interface Manifest {
  files: { path: string; bytes: number; sha256: string }[];
}

const brief = (title: string) => `---
title: ${title}
date: 2026-01-05
outputs: [brief]
---

## What happened

The ${title.toLowerCase()} team wrote this page to be printed alongside another build.
`;

async function makeContent(dir: string, ids: readonly string[]): Promise<string> {
  const content = join(dir, 'content');
  for (const id of ids) {
    await mkdir(join(content, id), { recursive: true });
    await writeFile(join(content, id, 'brief.md'), brief(`${id[0]?.toUpperCase()}${id.slice(1)}`));
  }
  return content;
}

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const readManifest = async (out: string) =>
  JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as Manifest;

/** Mounts a tmpfs (root where the machine allows it); false where it does not. */
function mountTmpfs(at: string, options: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const unmount = (at: string) => {
  try {
    execFileSync('umount', ['-l', at], { stdio: 'ignore' });
  } catch {
    // Not mounted.
  }
};

/**
 * Where no tmpfs can be mounted, the same fault injected at the write: a preloaded script makes
 * every write of a file under `out` fail the way a full disk does.
 */
async function enospcPreload(dir: string, out: string): Promise<string> {
  const path = join(dir, 'enospc.cjs');
  await writeFile(
    path,
    `const fs = require('node:fs');
const { syncBuiltinESMExports } = require('node:module');
const original = fs.promises.writeFile;
fs.promises.writeFile = async (file, ...rest) => {
  if (String(file).startsWith(${JSON.stringify(out)})) {
    await original(file, '');
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  }
  return original(file, ...rest);
};
syncBuiltinESMExports();
`,
  );
  return path;
}

describe('builds at once and faults at the write', () => {
  let dir: string | undefined;
  const mounts: string[] = [];

  beforeAll(async () => {
    dir = await makeTempDir('faults');
  });
  afterAll(async () => {
    for (const mount of mounts) unmount(mount);
    await removeDir(dir);
  });

  it('two builds of different briefs at once into one output keep both builds’ manifest entries', async () => {
    const root = join(dir ?? '', 'together');
    const content = await makeContent(root, ['alpha', 'beta']);
    const out = join(root, 'out');
    const tmp = join(root, 'tmp');
    await mkdir(tmp, { recursive: true });
    const [first, second] = await Promise.all([
      startCli(['build', 'alpha', '--content', content, '--out', out], tmp).done,
      startCli(['build', 'beta', '--content', content, '--out', out], tmp).done,
    ]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const manifest = await readManifest(out);
    expect(manifest.files.map((entry) => entry.path).sort()).toEqual([
      'alpha/brief.pdf',
      'beta/brief.pdf',
    ]);
    for (const entry of manifest.files)
      expect(sha256Hex(await readFile(join(out, entry.path))), entry.path).toBe(entry.sha256);
    // The next build finds both up to date: nothing printed again.
    const next = await startCli(['build', '--content', content, '--out', out], tmp).done;
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/0 file\(s\) written .*2 unchanged/);
    expect((await listFiles(out)).filter((file) => !file.endsWith('.pdf'))).toEqual([
      'manifest.json',
    ]);
  });

  it('takes over the manifest lock of a build that was killed while holding it', async () => {
    const root = join(dir ?? '', 'stale-lock');
    const content = await makeContent(root, ['gamma']);
    const out = join(root, 'out');
    await mkdir(out, { recursive: true });
    // A process id that is not running (the largest possible one).
    await writeFile(join(out, '.manifest.json.lock'), '4194304');
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect((await readManifest(out)).files.map((entry) => entry.path)).toEqual(['gamma/brief.pdf']);
    expect(existsSync(join(out, '.manifest.json.lock'))).toBe(false);
  });

  it('a full disk: one clear error naming the file; previous PDFs, manifest kept; no temporary files', async () => {
    const root = join(dir ?? '', 'full');
    const content = await makeContent(root, ['delta', 'epsilon']);
    const out = join(root, 'out');
    await mkdir(out, { recursive: true });
    const tmpfs = mountTmpfs(out, 'size=2m');
    if (tmpfs) mounts.push(out);
    const tmp = join(root, 'tmp');
    await mkdir(tmp);
    const before = await startCli(['build', '--content', content, '--out', out], tmp).done;
    expect(before.code, before.stderr).toBe(0);
    const previous = new Map<string, Buffer>();
    for (const file of await listFiles(out)) previous.set(file, await readFile(join(out, file)));
    expect([...previous.keys()].sort()).toEqual([
      'delta/brief.pdf',
      'epsilon/brief.pdf',
      'manifest.json',
    ]);

    const env: NodeJS.ProcessEnv = {};
    if (tmpfs) {
      // Fill the disk, leaving less room than one PDF needs.
      const filler = join(out, 'filler');
      await writeFile(filler, Buffer.alloc(0));
      execFileSync('sh', ['-c', `cat /dev/zero > '${filler}' 2>/dev/null || true`]);
    } else {
      env.NODE_OPTIONS = `--require ${await enospcPreload(root, out)}`;
    }
    const result = startCli(['build', '--content', content, '--out', out, '--force'], tmp, env);
    const groups = new Set<number>();
    const watching = setInterval(
      () => browserGroups(tmp).forEach((group) => groups.add(group)),
      50,
    );
    const ended = await result.done;
    clearInterval(watching);
    expect(ended.code, ended.stderr).toBe(4);
    expect(ended.stderr).toMatch(
      /Could not write \S*\/out\/(delta|epsilon)\/brief\.pdf: the disk is full \(ENOSPC\)/,
    );
    // One clear line, no stack trace.
    expect(ended.stderr).not.toMatch(/\n\s+at /);
    // Stopped at the first: not tried again, document after document.
    expect(ended.stderr.match(/ENOSPC/g)).toHaveLength(1);
    if (tmpfs) await writeFile(join(out, 'filler'), '');
    const after = (await listFiles(out)).filter((file) => file !== 'filler' && file !== 'enospc');
    expect(after.sort()).toEqual([...previous.keys()].sort());
    for (const [file, bytes] of previous)
      expect(Buffer.compare(await readFile(join(out, file)), bytes), file).toBe(0);
    expect(await survivors(groups, tmp, 3_000)).toEqual([]);
  });

  it('a full temporary folder (TMPDIR): one clear error naming it, the build stops, outputs kept', async () => {
    const root = join(dir ?? '', 'full-tmp');
    const content = await makeContent(root, ['eta', 'theta']);
    const out = join(root, 'out');
    const first = await runCli(['build', '--content', content, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const previous = new Map<string, Buffer>();
    for (const file of await listFiles(out)) previous.set(file, await readFile(join(out, file)));
    const tmp = join(root, 'tmp');
    await mkdir(tmp);
    const tmpfs = mountTmpfs(tmp, 'size=1m');
    const env: NodeJS.ProcessEnv = {};
    if (tmpfs) {
      mounts.push(tmp);
      execFileSync('sh', ['-c', `cat /dev/zero > '${join(tmp, 'filler')}' 2>/dev/null || true`]);
    } else {
      env.NODE_OPTIONS = `--require ${await enospcPreload(root, tmp)}`;
    }
    const ended = await startCli(['build', '--content', content, '--out', out, '--force'], tmp, env)
      .done;
    expect(ended.code, ended.stderr).toBe(4);
    // Before: "Printing eta/brief.pdf failed: ENOSPC: no space left on device, write", for every
    // document after three attempts each, without naming the folder.
    expect(ended.stderr).toMatch(
      /Could not write the page to print in the temporary folder \S*\/tmp\/briefkit-print-\d+-\w+: the disk is full \(ENOSPC\); free room there, or set TMPDIR to another folder/,
    );
    expect(ended.stderr.match(/ENOSPC/g)).toHaveLength(1);
    expect(ended.stderr).not.toMatch(/\n\s+at /);
    for (const [file, bytes] of previous)
      expect(Buffer.compare(await readFile(join(out, file)), bytes), file).toBe(0);
    expect((await listFiles(out)).sort()).toEqual([...previous.keys()].sort());
  });

  it('an output folder that cannot be written: a clear error naming the file, nothing changed', async () => {
    const root = join(dir ?? '', 'readonly');
    const content = await makeContent(root, ['zeta']);
    const out = join(root, 'out');
    const first = await runCli(['build', '--content', content, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const pdf = await readFile(join(out, 'zeta', 'brief.pdf'));
    const manifest = await readFile(join(out, 'manifest.json'));
    // Root writes through permissions: a read-only mount stands in for the folder; else chmod.
    const asRoot = process.getuid?.() === 0;
    const folder = join(out, 'zeta');
    if (asRoot) {
      const copy = await readFile(join(folder, 'brief.pdf'));
      expect(mountTmpfs(folder, 'size=1m')).toBe(true);
      mounts.push(folder);
      await writeFile(join(folder, 'brief.pdf'), copy);
      execFileSync('mount', ['-o', 'remount,ro', folder]);
    } else {
      await chmod(folder, 0o555);
    }
    const result = await runCli(['build', '--content', content, '--out', out, '--force']);
    if (!asRoot) await chmod(folder, 0o755);
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toMatch(
      /Could not write \S*\/out\/zeta\/brief\.pdf: (the file system is read-only \(EROFS\)|permission denied: the folder is not writable \(EACCES\))/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(Buffer.compare(await readFile(join(folder, 'brief.pdf')), pdf)).toBe(0);
    expect(Buffer.compare(await readFile(join(out, 'manifest.json')), manifest)).toBe(0);
    expect(await listFiles(out)).toEqual(['manifest.json', 'zeta/brief.pdf']);
  });

  it.each([
    ['the Markdown file being built', 'input', 'is the Markdown file being built, not a folder'],
    ['a file', 'file', 'is a file, not a folder'],
    ['a folder under a file', 'under', 'cannot be made: '],
    ['a .pdf name that is a folder', 'pdf', 'is a folder, not a file'],
  ] as const)(
    '-o naming %s: one clear error before anything is printed, exit 2, nothing written',
    async (_, kind, problem) => {
      const root = join(dir ?? '', `out-${kind}`);
      const content = await makeContent(root, ['eta']);
      const input = join(content, 'eta', 'brief.md');
      const source = await readFile(input, 'utf8');
      await writeFile(join(root, 'notes.txt'), 'kept');
      await mkdir(join(root, 'folder.pdf'));
      const out = {
        input,
        file: join(root, 'notes.txt'),
        under: join(root, 'notes.txt', 'sub'),
        pdf: join(root, 'folder.pdf'),
      }[kind];
      const tmp = join(root, 'tmp');
      await mkdir(tmp);
      // Before: every document printed, then ENOTDIR (exit 4) at the write, or a PDF in notes.txt/.
      const result = await startCli(
        kind === 'input' ? ['build', input, '-o', out] : ['build', '--content', content, '-o', out],
        tmp,
      ).done;
      expect(result.stderr).toContain(problem);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.code).toBe(2);
      expect(browserGroups(tmp).size).toBe(0);
      expect(await readFile(input, 'utf8')).toBe(source);
      expect(await readFile(join(root, 'notes.txt'), 'utf8')).toBe('kept');
      expect(await listFiles(root)).toEqual(['content/eta/brief.md', 'notes.txt']);
    },
  );
});
