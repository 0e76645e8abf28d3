/**
 * Messages for CI: GitHub annotations (chosen by themselves under GitHub Actions), JSON lines,
 * `--max-warnings`, and one exit code per kind of failure: 1 content, 2 usage, 3 no browser,
 * 4 documents that failed to print.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser, makeTempDir, removeDir, runCli, sourceDateEpoch } from './helpers.js';

// One error (a stat that does not exist) and one warning (a source nothing cites).
const brokenBrief = `---
title: Tide Tables
date: 2026-01-01
---

The spring tide reaches :stat[highwater].
`;
const cleanBrief = `---
title: Tide Tables
date: 2026-01-01
---

The spring tide comes twice a month.
`;
const spareSource = `sources:
  almanac:
    publisher: Coastal Almanac
    title: Tides
    url: https://example.org/tides
`;

let dir: string;
const env = {
  SOURCE_DATE_EPOCH: String(sourceDateEpoch),
  GITHUB_ACTIONS: undefined,
};

beforeAll(async () => {
  dir = await makeTempDir('reporters');
  for (const [id, brief] of [
    ['broken', brokenBrief],
    ['warned', cleanBrief],
    // A Jekyll key: ignored, with an info line (not a warning).
    ['informed', cleanBrief.replace('title:', 'layout: post\ntitle:')],
  ] as const) {
    await mkdir(join(dir, 'content', id), { recursive: true });
    await writeFile(join(dir, 'content', id, 'brief.md'), brief);
    await writeFile(join(dir, 'content', id, 'stats.yaml'), spareSource);
  }
});
afterAll(() => removeDir(dir));

describe('reporters', () => {
  it('github: one workflow command per message, on stdout', async () => {
    const result = await runCli(['check', 'broken', '--reporter', 'github'], { cwd: dir, env });
    expect(result.stdout).toBe(
      '::error file=content/broken/brief.md,line=6,col=25,title=briefkit (unknown-stat)::Unknown stat `highwater`\n' +
        '::warning file=content/broken/stats.yaml,line=2,col=3,title=briefkit (unused-source)::Source `almanac` is not cited by any stat, series or :cite\n',
    );
    expect(result.code).toBe(1);
  });

  it('github is the default under GitHub Actions, for run-wide problems too', async () => {
    const result = await runCli(['check', 'broken', 'no-such-brief'], {
      cwd: dir,
      env: { ...env, GITHUB_ACTIONS: 'true' },
    });
    expect(result.stdout).toBe(
      `::error title=briefkit::No brief \`no-such-brief\` in ${dir}/content/ (a folder with a brief.md)\n`,
    );
    expect(result.code).toBe(2);
  });

  it('json: one object a line, with the place and rule of each message', async () => {
    const result = await runCli(['check', 'broken', '--reporter', 'json'], { cwd: dir, env });
    const objects = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(objects).toEqual([
      {
        severity: 'error',
        message: 'Unknown stat `highwater`',
        file: 'content/broken/brief.md',
        line: 6,
        column: 25,
        endLine: 6,
        endColumn: 41,
        rule: 'unknown-stat',
      },
      {
        severity: 'warning',
        message: 'Source `almanac` is not cited by any stat, series or :cite',
        file: 'content/broken/stats.yaml',
        line: 2,
        column: 3,
        rule: 'unused-source',
      },
    ]);
    expect(result.code).toBe(1);
  });

  it('text: file:line:column lines on stderr, nothing on stdout', async () => {
    const result = await runCli(['check', 'broken'], { cwd: dir, env });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'content/broken/brief.md:6:25  error  Unknown stat `highwater`  unknown-stat\n' +
        'content/broken/stats.yaml:2:3  warning  Source `almanac` is not cited by any stat, series or :cite  unused-source\n' +
        '✖ 1 error, 1 warning\n',
    );
  });
});

describe('--max-warnings', () => {
  it('fails a run with more warnings than allowed, and passes one within the limit', async () => {
    const over = await runCli(['check', 'warned', '--max-warnings', '0'], { cwd: dir, env });
    expect(over.stderr).toContain('briefkit: 1 warnings, more than --max-warnings 0 allows');
    expect(over.code).toBe(1);
    const within = await runCli(['check', 'warned', '--max-warnings', '1'], { cwd: dir, env });
    expect(within.stderr).toContain('1 brief(s) checked');
    expect(within.code).toBe(0);
    // Info lines are said, not counted.
    const informed = ['check', 'informed', '--max-warnings', '1'];
    const json = await runCli([...informed, '--reporter', 'json'], { cwd: dir, env });
    const severities = json.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { severity: string; rule?: string }).severity);
    expect(severities.sort()).toEqual(['info', 'warning']);
    expect(json.code).toBe(0);
    const github = await runCli([...informed, '--reporter', 'github'], { cwd: dir, env });
    expect(github.stdout).toMatch(/^::notice file=content\/informed\/brief\.md,line=2,col=1,/m);
    const bad = await runCli(['check', '--max-warnings', 'some'], { cwd: dir, env });
    expect(bad.stderr).toContain('--max-warnings must be a whole number (0 or more)');
    expect(bad.code).toBe(2);
  });
});

describe('exit codes', () => {
  it('2 for usage errors: an unknown flag, a missing file, merge-manifests with no shard manifest', async () => {
    const flag = await runCli(['build', '--no-such-flag'], { cwd: dir, env });
    expect(flag.stderr).toContain("error: unknown option '--no-such-flag'");
    expect(flag.code).toBe(2);
    const file = await runCli(['build', 'missing.md'], { cwd: dir, env });
    expect(file.code).toBe(2);
    const merge = await runCli(['merge-manifests', '--out', 'empty'], { cwd: dir, env });
    expect(merge.stderr).toContain('briefkit: No shard manifests (manifest.shard-i-of-n.json) in');
    expect(merge.code).toBe(2);
  });

  it('0 for --help, which lists every exit code', async () => {
    const help = await runCli(['--help'], { cwd: dir, env });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toMatch(/^ {2}3 {2}no browser to print with/m);
    expect(help.stdout).toMatch(/^ {2}4 {2}documents that failed to print/m);
  });

  it('3 when there is no browser, with what to do', async () => {
    const empty = join(dir, 'empty-path');
    await mkdir(empty, { recursive: true });
    const result = await runCli(['build', 'warned', '--out', 'out-3'], {
      cwd: dir,
      env: {
        ...env,
        PATH: empty,
        PUPPETEER_EXECUTABLE_PATH: undefined,
        CHROME_PATH: undefined,
        PUPPETEER_CACHE_DIR: empty,
        HOME: empty,
      },
    });
    expect(result.stderr).toContain(
      'briefkit needs Chrome or Chromium to print PDFs, and found none.',
    );
    expect(result.stderr).toContain('briefkit browser install');
    expect(result.code).toBe(3);
  });

  it('4 when documents fail to print', async () => {
    const browser = await fakeBrowser(dir);
    const result = await runCli(['build', 'warned', '--out', 'out-4', '--format', 'brief'], {
      cwd: dir,
      env: { ...env, PUPPETEER_EXECUTABLE_PATH: browser.path },
    });
    expect(result.code, result.stderr).toBe(4);
  });
});

describe('GitHub workflow command escaping', () => {
  it('escapes %, line breaks, and in properties : and ,', async () => {
    const { formatProblem } = await import('../src/report.js');
    expect(
      formatProblem(
        {
          severity: 'warning',
          message: '100% sure,\nsee: here',
          file: 'notes/a,b:c.md',
          line: 3,
          column: 7,
          rule: 'x',
        },
        'github',
      ),
    ).toBe(
      '::warning file=notes/a%2Cb%3Ac.md,line=3,col=7,title=briefkit (x)::100%25 sure,%0Asee: here',
    );
  });
});
