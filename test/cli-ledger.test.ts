/**
 * The ledger for fact-checkers, `briefkit sources`: one fixture folder per case,
 * `test/fixtures/ledger/<case>/`, holding a content folder and the exact output expected of
 * `sources` (expected.txt), `sources --json` (expected.json) and `sources --csv` (expected.csv).
 * Beyond the exact text: the CSV reads back (RFC 4180) to the JSON's values, each value is what
 * the brief itself prints for that stat, and bad content gives no ledger.
 *
 * `UPDATE=1 npx vitest run test/cli-ledger.test.ts` rewrites the expected files from what the
 * command prints. Review the diff before committing it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  fakeBrowser,
  fixturesDir,
  makeTempDir,
  removeDir,
  runCli,
  type CliResult,
} from './helpers.js';

const ledgerFixtures = join(fixturesDir, 'ledger');
const cases = readdirSync(ledgerFixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const update = process.env.UPDATE === '1';

interface JsonFigure {
  kind: string;
  id: string;
  label: string;
  value: string;
  as_of: string;
  source: string;
  publisher: string;
  title: string;
  url: string;
  accessed: string;
  note: string;
  used: { kind: string; file: string; line: number; column: number; stat?: string }[];
}
interface JsonLedger {
  brief: string;
  file: string;
  figures: JsonFigure[];
}

const outputs = [
  { flags: [] as string[], file: 'expected.txt' },
  { flags: ['--json'], file: 'expected.json' },
  { flags: ['--csv'], file: 'expected.csv' },
];

const dirs = new Map<string, string>();
const results = new Map<string, CliResult[]>();

beforeAll(async () => {
  for (const name of cases) {
    const dir = await makeTempDir(`ledger-${name}`);
    dirs.set(name, dir);
    await copyFixture(join(ledgerFixtures, name, 'content'), join(dir, 'content'));
    const browser = await fakeBrowser(dir);
    const runs: CliResult[] = [];
    for (const { flags, file } of outputs) {
      const result = await runCli(['sources', ...flags], {
        cwd: dir,
        env: { PUPPETEER_EXECUTABLE_PATH: browser.path, CHROME_PATH: browser.path },
      });
      runs.push(result);
      if (update && result.code === 0)
        await writeFile(join(ledgerFixtures, name, file), result.stdout);
    }
    results.set(name, runs);
    // A ledger is read like `check` reads: no browser is started.
    expect(existsSync(browser.marker)).toBe(false);
  }
}, 120_000);

afterAll(async () => {
  for (const dir of dirs.values()) await removeDir(dir);
});

describe.each(cases)('briefkit sources: %s', (name) => {
  it.each(outputs.map((output, index) => ({ ...output, index })))(
    'prints $file exactly',
    async ({ file, index }) => {
      const result = results.get(name)?.[index];
      expect(result?.code, result?.stderr).toBe(0);
      expect(result?.stdout).toBe(await readFile(join(ledgerFixtures, name, file), 'utf8'));
    },
  );

  it('writes CSV that reads back (RFC 4180) to the JSON ledger, row for row', () => {
    const [, json, csv] = results.get(name) ?? [];
    expect(csv?.stdout).toMatch(/\r\n$/);
    const ledgers = JSON.parse(json?.stdout ?? '') as JsonLedger[];
    const rows = parse(csv?.stdout ?? '', { columns: true }) as Record<string, string>[];
    const expected = ledgers.flatMap((ledger) =>
      ledger.figures.map((figure) => ({
        brief: ledger.brief,
        kind: figure.kind,
        id: figure.id,
        label: figure.label,
        value: figure.value,
        as_of: figure.as_of,
        source: figure.source,
        publisher: figure.publisher,
        title: figure.title,
        url: figure.url,
        accessed: figure.accessed,
        note: figure.note,
        used: figure.used
          .map(
            (use) =>
              `${use.file}:${use.line}${
                use.kind === 'key-figure'
                  ? ' (key figure)'
                  : use.kind === 'key-figures-panel'
                    ? ' (key figures)'
                    : use.kind === 'spark'
                      ? ` (beside ${use.stat})`
                      : ''
              }`,
          )
          .join('; '),
      })),
    );
    expect(rows).toEqual(expected);
  });

  it('gives each stat the value the brief prints for it, and places that hold it', async () => {
    const dir = dirs.get(name) as string;
    const build = await runCli(['build', '--format', 'web', '--out', 'out'], { cwd: dir });
    expect(build.code, build.stderr).toBe(0);
    const [, json] = results.get(name) ?? [];
    for (const ledger of JSON.parse(json?.stdout ?? '') as JsonLedger[]) {
      const html = await readFile(join(dir, 'out', ledger.brief, 'brief.html'), 'utf8');
      const markdown = (await readFile(join(dir, ledger.file), 'utf8')).split('\n');
      for (const figure of ledger.figures.filter((entry) => entry.kind === 'stat')) {
        const printed = [
          ...html.matchAll(
            new RegExp(`<span class="bk-stat" data-stat="${figure.id}"[^>]*>([^<]*)`, 'g'),
          ),
        ].map((match) => match[1]);
        const inText = figure.used.filter((use) => use.kind === 'stat');
        if (inText.length > 0) expect(new Set(printed)).toEqual(new Set([figure.value]));
        for (const use of figure.used.filter((entry) => entry.file === ledger.file)) {
          const line = markdown[use.line - 1] ?? '';
          const directive =
            use.kind === 'key-figure' ? `::key-figure{stat=${figure.id}}` : `:stat[${figure.id}]`;
          expect(line.slice(use.column - 1)).toMatch(
            new RegExp(`^${directive.replace(/[[\]{}]/g, '\\$&')}`),
          );
        }
      }
    }
  });
});

describe('briefkit sources', () => {
  it('takes a Markdown file by path, as build and check do', async () => {
    const dir = dirs.get('harbour') as string;
    const result = await runCli(['sources', 'content/harbour/brief.md', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const [ledger] = JSON.parse(result.stdout) as JsonLedger[];
    const [whole] = JSON.parse(results.get('harbour')?.[1]?.stdout ?? '') as JsonLedger[];
    expect(ledger?.file).toBe('content/harbour/brief.md');
    expect(ledger?.figures).toEqual(whole?.figures);
  });

  it('prints no ledger for a brief with errors: the errors, exit code 1', async () => {
    const dir = dirs.get('harbour') as string;
    const brief = join(dir, 'content', 'harbour', 'brief.md');
    const text = await readFile(brief, 'utf8');
    await writeFile(brief, text.replace(':stat[berths]', ':stat[berth]'));
    try {
      const result = await runCli(['sources', '--csv'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(
        'content/harbour/brief.md:19:64  error  Unknown stat `berth`; did you mean `berths`?',
      );
    } finally {
      await writeFile(brief, text);
    }
  });

  it('refuses --json with --csv, exit code 2', async () => {
    const result = await runCli(['sources', '--json', '--csv'], {
      cwd: dirs.get('harbour') as string,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--json' cannot be used with option '--csv'");
  });
});
