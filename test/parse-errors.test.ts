/**
 * Bad input: one fixture folder per case, `test/fixtures/errors/<case>/`, holding a content
 * folder (`content/<id>/brief.md`, `stats.yaml`, maybe assets) and expected.json naming the file,
 * line, column, message and rule the CLI must report. One loop runs `briefkit build` (and
 * `briefkit check`) on a temp copy of each and asserts: exit code 1, the message at its place,
 * no browser started, and earlier outputs left exactly as they were.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  describeMessage,
  fakeBrowser,
  fixturesDir,
  listFiles,
  makeTempDir,
  parseReport,
  removeDir,
  repoRoot,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const errorFixtures = join(fixturesDir, 'errors');
const cases = readdirSync(errorFixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface Expected {
  file: string;
  line: number;
  column: number;
  message: string;
  ruleId: string;
}

interface Run {
  dir: string;
  expected: Expected;
  build: CliResult;
  check: CliResult;
  browserMarker: string;
  before: { files: string[]; outputs: Map<string, Buffer> };
  after: { files: string[]; outputs: Map<string, Buffer> };
}

const runs = new Map<string, Run>();

/** Outputs of an earlier, successful build that a failed build must leave untouched. */
async function seedOutputs(out: string, ids: readonly string[]): Promise<void> {
  const files = [];
  for (const id of ids) {
    await mkdir(join(out, id), { recursive: true });
    const bytes = `%PDF-1.7\n% an earlier build of ${id}\n%%EOF\n`;
    await writeFile(join(out, id, 'brief.pdf'), bytes);
    files.push({ path: `${id}/brief.pdf`, bytes: bytes.length, pages: 1, sha256: 'earlier' });
  }
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify({ files }, null, 2)}\n`);
}

async function snapshotOutputs(out: string): Promise<Map<string, Buffer>> {
  const outputs = new Map<string, Buffer>();
  for (const file of await listFiles(out)) outputs.set(file, await readFile(join(out, file)));
  return outputs;
}

async function runCase(name: string): Promise<Run> {
  const expected = JSON.parse(
    readFileSync(join(errorFixtures, name, 'expected.json'), 'utf8'),
  ) as Expected;
  const dir = await makeTempDir(`error-${name}`);
  await copyFixture(join(errorFixtures, name, 'content'), join(dir, 'content'));
  const ids = readdirSync(join(dir, 'content'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  await seedOutputs(join(dir, 'out'), ids);
  const browser = await fakeBrowser(dir);
  const env = {
    PUPPETEER_EXECUTABLE_PATH: browser.path,
    CHROME_PATH: browser.path,
    SOURCE_DATE_EPOCH: String(sourceDateEpoch),
  };
  const before = { files: await listFiles(dir), outputs: await snapshotOutputs(join(dir, 'out')) };
  const build = await runCli(['build', '--content', 'content', '--out', 'out'], { cwd: dir, env });
  const after = { files: await listFiles(dir), outputs: await snapshotOutputs(join(dir, 'out')) };
  const check = await runCli(['check', '--content', 'content'], { cwd: dir, env });
  return { dir, expected, build, check, browserMarker: browser.marker, before, after };
}

/** Runs `task` over `items`, at most `limit` at a time (each run is a Node process or two). */
async function inBatches<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++] as T);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

beforeAll(async () => {
  await inBatches(cases, 4, async (name) => {
    runs.set(name, await runCase(name));
  });
});

afterAll(async () => {
  for (const run of runs.values()) await removeDir(run.dir);
});

function get(name: string): Run {
  const run = runs.get(name);
  if (!run) throw new Error(`case ${name} did not run`);
  return run;
}

/** The reported messages, as `file:line:column text` lines. */
const reported = (result: CliResult): string[] => parseReport(result.stderr).map(describeMessage);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Matches the expected message at its place, with its text and rule id on the same line. */
const messagePattern = (expected: Expected): RegExp =>
  new RegExp(
    `^${escape(`${expected.file}:${expected.line}:${expected.column}`)} .*error.*` +
      `${escape(expected.message)}.*\\b${escape(expected.ruleId)}\\b`,
  );

describe.each(cases)('bad input: %s', (name) => {
  it('build exits with code 1', () => {
    const { build } = get(name);
    expect(build.code, build.stderr).toBe(1);
  });

  it('build reports the message and rule at the right file:line:column', () => {
    const { build, expected } = get(name);
    expect(reported(build)).toContainEqual(expect.stringMatching(messagePattern(expected)));
    // A content problem is a message, never a stack trace.
    expect(build.stderr).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$/m);
  });

  it('build fails before starting a browser', () => {
    const { build, browserMarker } = get(name);
    expect(existsSync(browserMarker), 'the (fake) browser was started').toBe(false);
    expect(build.stderr).not.toMatch(/browser|chrom/i);
  });

  it('build leaves earlier outputs byte-identical and writes no file', () => {
    const { before, after } = get(name);
    expect(after.files).toEqual(before.files);
    expect(after.outputs).toEqual(before.outputs);
  });

  it('check reports the same message and exits with code 1', () => {
    const { check, expected } = get(name);
    expect(check.code, check.stderr).toBe(1);
    expect(reported(check)).toContainEqual(expect.stringMatching(messagePattern(expected)));
  });
});

describe('error report format', () => {
  // Editors, terminals and CI problem matchers jump to `file:line:column` written on one line;
  // the issue asks for "file:line:column, vfile-reporter style".
  it('names each error as file:line:column on one line', () => {
    const { build, expected } = get('unknown-stat');
    expect(build.stderr).toContain(`${expected.file}:${expected.line}:${expected.column}`);
  });

  it('reports every error of a run, not just the first', () => {
    // Both this brief's problems and none of the valid brief beside it.
    const { build } = get('unknown-stat');
    const errors = parseReport(build.stderr).filter((message) => /\berror\b/.test(message.text));
    expect(errors.map((message) => message.file)).toEqual(['content/unknown-stat/brief.md']);
  });
});

describe('command line', () => {
  let dir: string;
  let unknownId: CliResult;
  let checked: CliResult;

  beforeAll(async () => {
    dir = await makeTempDir('cli');
    await copyFixture(join(repoRoot, 'content'), join(dir, 'content'));
    const browser = await fakeBrowser(dir);
    const env = { PUPPETEER_EXECUTABLE_PATH: browser.path, CHROME_PATH: browser.path };
    unknownId = await runCli(['build', 'mexico-su', '--content', 'content', '--out', 'out'], {
      cwd: dir,
      env,
    });
    checked = await runCli(['check', '--content', 'content'], { cwd: dir, env });
  });

  afterAll(async () => {
    await removeDir(dir);
  });

  it('an unknown brief id exits 2 (usage) and names the nearest id', () => {
    expect(unknownId.code).toBe(2);
    expect(unknownId.stderr).toContain('`mexico-su`');
    expect(unknownId.stderr).toContain('did you mean `mexico-us`?');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('check passes the default content without a browser or warnings', () => {
    expect(checked.code, checked.stderr).toBe(0);
    const briefs = readdirSync(join(repoRoot, 'content'), { withFileTypes: true }).filter(
      (entry) =>
        entry.isDirectory() && existsSync(join(repoRoot, 'content', entry.name, 'brief.md')),
    );
    expect(checked.stderr).toContain(`${briefs.length} brief(s) checked`);
    expect(checked.stderr).not.toMatch(/warning|error/);
    expect(existsSync(join(dir, 'fake-chrome-was-started'))).toBe(false);
  });
});
