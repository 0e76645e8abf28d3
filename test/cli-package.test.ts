/**
 * briefkit as users get it: packed, installed from the tarball into a new CommonJS project with
 * install scripts off, and run there through npx — a new brief, a check, a build with a
 * `briefkit.config.js` that uses `import`, and a single-file build with `-o`. The PDFs are read
 * back.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeTempDir,
  normalizeSpace,
  readPdf,
  removeDir,
  repoRoot,
  sourceDateEpoch,
} from './helpers.js';

const exec = promisify(execFile);

interface Packed {
  filename: string;
  size: number;
  files: { path: string }[];
}

let work: string;
let project: string;
let packed: Packed;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  SOURCE_DATE_EPOCH: String(sourceDateEpoch),
  NO_COLOR: '1',
  GITHUB_ACTIONS: undefined,
  npm_config_ignore_scripts: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** `npx briefkit …` in the new project. */
const briefkit = (args: readonly string[]) =>
  exec('npx', ['briefkit', ...args], { cwd: project, env, maxBuffer: 16 << 20 }).catch(
    (failed: { stderr?: string; code?: number }) => {
      throw new Error(`briefkit ${args.join(' ')} exited ${failed.code}: ${failed.stderr}`);
    },
  );

beforeAll(async () => {
  work = await makeTempDir('package');
  env.BRIEFKIT_CACHE_DIR = join(work, 'user-cache');
  // The tests compile first (`pretest`); packing runs `prepack` (the same compile) otherwise.
  const { stdout } = await exec(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', work],
    { cwd: repoRoot, env, maxBuffer: 16 << 20 },
  );
  [packed] = JSON.parse(stdout) as [Packed];
  project = join(work, 'project');
  await mkdir(project);
  await exec('npm', ['init', '-y'], { cwd: project, env });
  await exec(
    'npm',
    ['install', '--ignore-scripts', '--prefer-offline', join(work, packed.filename)],
    { cwd: project, env, maxBuffer: 16 << 20 },
  );
}, 600_000);
afterAll(() => removeDir(work));

describe('the packed package', () => {
  it('is under 3 MB and ships what runs: no source maps, code cache, scripts or sources', () => {
    expect(packed.size).toBeLessThan(3 * 1024 * 1024);
    const paths = packed.files.map((file) => file.path);
    for (const needed of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/bin/briefkit.js',
      'dist/bin/pipeline.cjs',
      'dist/bin/code-id',
      'dist/index.js',
      'dist/index.d.ts',
      'templates/brief.hbs',
    ])
      expect(paths).toContain(needed);
    expect(
      paths.filter((path) => /\.map$|code-cache|^scripts\/|^src\/|^test\/|bench/.test(path)),
    ).toEqual([]);
  });

  it('is publishable and needs no install script', async () => {
    const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
      private?: boolean;
      scripts: Record<string, string>;
    };
    expect(manifest.private).toBeUndefined();
    expect(Object.keys(manifest.scripts).filter((name) => /install$/.test(name))).toEqual([]);
    expect(manifest.scripts.prepack).toBeDefined();
  });
});

describe('installed into a new CommonJS project, scripts off', () => {
  it('the project is CommonJS and has no browser or code cache from installing', async () => {
    const manifest = JSON.parse(await readFile(join(project, 'package.json'), 'utf8')) as {
      type?: string;
    };
    expect(manifest.type ?? 'commonjs').toBe('commonjs');
    expect(existsSync(env.BRIEFKIT_CACHE_DIR ?? '')).toBe(false);
  });

  it('new, check and build with an importing briefkit.config.js make the right PDFs', async () => {
    await writeFile(
      join(project, 'briefkit.config.js'),
      `import { defineConfig } from 'briefkit';\n\nexport default defineConfig({\n  paper: 'a4',\n  brand: { organization: 'Lockkeepers Guild' },\n});\n`,
    );
    const created = await briefkit(['new', 'canal-locks', '--title', 'Canal Locks Renewal']);
    expect(created.stderr).toContain('content/canal-locks/brief.md');
    const checked = await briefkit(['check']);
    expect(checked.stderr).toContain('1 brief(s) checked');
    const built = await briefkit(['build']);
    expect(built.stderr).toMatch(/5 file\(s\) written/);
    const brief = await readPdf(
      await readFile(join(project, 'output', 'canal-locks', 'brief.pdf')),
    );
    // A4 from the config, in points; its organization on the page.
    expect(Math.round(brief.pages[0]?.width ?? 0)).toBe(595);
    expect(Math.round(brief.pages[0]?.height ?? 0)).toBe(842);
    const text = normalizeSpace(brief.pages.map((page) => page.text).join(' '));
    expect(text).toContain('Canal Locks Renewal');
    expect(text).toContain('Lockkeepers Guild');
    // The first run wrote the code cache into the user's cache folder, not the package.
    expect(await readdir(join(env.BRIEFKIT_CACHE_DIR ?? '', 'code-cache'))).toHaveLength(1);
    expect(existsSync(join(project, 'node_modules', 'briefkit', 'dist', 'bin', 'code-cache'))).toBe(
      false,
    );
  });

  it('builds a single file to the file -o names', async () => {
    await writeFile(
      join(project, 'handover.md'),
      `---\ntitle: Shift Handover\ndate: 2026-04-01\n---\n\n## Open items\n\nThe upper gate sticks.\n\n:::slide\n## Upper gate\n- sticks when cold\n:::\n`,
    );
    const built = await briefkit([
      'build',
      'handover.md',
      '--format',
      'deck',
      '-o',
      'handover.pdf',
    ]);
    expect(built.stderr).toContain('wrote handover.pdf (');
    const deck = await readPdf(await readFile(join(project, 'handover.pdf')));
    expect(deck.pages[0]?.width).toBeGreaterThan(deck.pages[0]?.height ?? Infinity);
    const text = deck.pages.map((page) => normalizeSpace(page.text)).join(' | ');
    expect(text).toContain('Shift Handover');
    expect(text).toContain('Upper gate sticks when cold');
  });
});
