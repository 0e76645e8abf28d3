/**
 * Config files as users write them: found from the working folder upward, in TypeScript or as
 * an ES module in a CommonJS project, or as package.json's "briefkit" key; `--config` and
 * `--no-config`. Read back through `briefkit check`, which names the config's content folder.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { makeTempDir, removeDir, runCli } from './helpers.js';

const brief = `---
title: Canal Locks
date: 2026-01-01
---

Boats wait at the lower gate.
`;

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('config-find');
});
afterAll(() => removeDir(dir));

/** A project folder with `files` and one brief in `papers/locks/`. */
async function project(name: string, files: Record<string, string>): Promise<string> {
  const root = join(dir, name);
  await mkdir(join(root, 'papers', 'locks'), { recursive: true });
  await writeFile(join(root, 'papers', 'locks', 'brief.md'), brief);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

describe('finding the config', () => {
  it('reads a TypeScript config, with its types, from a folder above the working one', async () => {
    const root = await project('typescript', {
      'briefkit.config.ts': `interface Shape { content: string; paper: 'a4' | 'letter' }\nconst config: Shape = { content: 'papers', paper: 'a4' };\nexport default config;\n`,
      'notes/deeper/.keep': '',
    });
    const config = await loadConfig({ cwd: join(root, 'notes', 'deeper') });
    expect(config.file).toBe(join(root, 'briefkit.config.ts'));
    expect(config.contentDir).toBe(join(root, 'papers'));
    expect(config.paper).toBe('a4');
    const checked = await runCli(['check'], { cwd: join(root, 'notes', 'deeper') });
    expect(checked.stderr).toBe('1 brief(s) checked\n');
    expect(checked.code).toBe(0);
  });

  it('runs an ES module config in a CommonJS project', async () => {
    const root = await project('commonjs', {
      'package.json': JSON.stringify({ name: 'plain', version: '1.0.0', type: 'commonjs' }),
      'briefkit.config.js': `import { join } from 'node:path';\nexport default { content: join('papers'), paper: 'a4' };\n`,
    });
    const config = await loadConfig({ cwd: root });
    expect(config.contentDir).toBe(join(root, 'papers'));
    expect(config.paper).toBe('a4');
  });

  it('reads package.json\'s "briefkit" key, and reports its mistakes at their place', async () => {
    const root = await project('package-key', {
      'package.json': `{\n  "name": "site",\n  "briefkit": {\n    "content": "papers",\n    "papr": "a4"\n  }\n}\n`,
    });
    const checked = await runCli(['check'], { cwd: root });
    expect(checked.stderr).toContain(
      'package.json:5:5  error  unknown key `papr`; did you mean `paper`?  config',
    );
    expect(checked.code).toBe(1);
  });

  it('--no-config reads none, --config names one (also mjs and cjs)', async () => {
    const root = await project('flags', {
      'briefkit.config.mjs': `export default { content: 'nowhere' };\n`,
      'other.cjs': `module.exports = { content: 'papers' };\n`,
    });
    const named = await loadConfig({ cwd: root, file: 'other.cjs' });
    expect(named.contentDir).toBe(join(root, 'papers'));
    const none = await runCli(['check', '--no-config', '--content', 'papers'], { cwd: root });
    expect(none.stderr).toBe('1 brief(s) checked\n');
    const found = await runCli(['check'], { cwd: root });
    expect(found.stderr).toContain('No briefs found in');
    expect(found.code).toBe(2);
  });
});
