/**
 * Hostile and careless input, checked the way a user meets it: `briefkit check` (no browser) on a
 * folder written at run time, the report read back. Every case ends with one clear message at its
 * file, line and column, exit 1, and never a stack trace.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefText, minimalStats, writeFiles } from './hostile-helpers.js';
import {
  describeMessage,
  fakeBrowser,
  makeTempDir,
  parseReport,
  removeDir,
  runCli,
  type CliResult,
} from './helpers.js';

let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await makeTempDir('hostile-input');
  const browser = await fakeBrowser(dir);
  env = { PUPPETEER_EXECUTABLE_PATH: browser.path, CHROME_PATH: browser.path };
});

afterAll(async () => {
  await removeDir(dir);
});

/** Writes one brief folder `content/<id>/` and runs `check` on it alone. */
async function checkCase(
  id: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): Promise<CliResult & { messages: string[] }> {
  await writeFiles(join(dir, 'content', id), files);
  const result = await runCli(['check', '--content', 'content', id], { cwd: dir, env });
  return { ...result, messages: parseReport(result.stderr).map(describeMessage) };
}

const noCrash = (result: CliResult) => {
  expect(result.stderr).not.toMatch(/\n\s+at |TypeError|ReferenceError|RangeError|URIError/);
};

describe('names are data, not object keys', () => {
  it('treats toString and constructor as unknown stat and series ids', async () => {
    const result = await checkCase('proto-lookups', {
      'brief.md': briefText(
        'A :stat[toString] and :stat[constructor].\n\n::key-figure{stat=toString}\n\n::chart{series=toString}',
      ),
      'stats.yaml': minimalStats,
    });
    noCrash(result);
    expect(result.code).toBe(1);
    expect(result.messages).toEqual([
      'content/proto-lookups/brief.md:11:3 error  Unknown stat `toString`  unknown-stat',
      'content/proto-lookups/brief.md:11:23 error  Unknown stat `constructor`  unknown-stat',
      'content/proto-lookups/brief.md:13:1 error  Unknown stat `toString`  unknown-stat',
      'content/proto-lookups/brief.md:15:1 error  Unknown series `toString`  unknown-series',
    ]);
  });

  it('refuses a `__proto__` id where it is written instead of dropping it', async () => {
    const result = await checkCase('proto-id', {
      'brief.md': briefText(''),
      'stats.yaml': `${minimalStats}  __proto__:\n    label: Hidden\n    value: 1\n    source: src\n`,
    });
    noCrash(result);
    expect(result.code).toBe(1);
    expect(result.messages).toEqual([
      'content/proto-id/stats.yaml:11:3 error  `__proto__` cannot be a key: choose another name  reserved-key',
    ]);
  });

  it('reports a YAML alias bomb in stats.yaml as one message', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const started = performance.now();
    const result = await checkCase('alias-bomb', {
      'brief.md': briefText(''),
      'stats.yaml': `${bomb}\n${minimalStats}`,
    });
    noCrash(result);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.code).toBe(1);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatch(
      /^content\/alias-bomb\/stats\.yaml:1:1 error {2}YAML cannot be expanded: Excessive alias count/,
    );
  });
});

describe('batch keys name folders', () => {
  it('refuses keys that leave the output folder, device names and case collisions at their CSV line', async () => {
    const csv = [
      'id,name',
      'good,Good',
      '../x,Up',
      '/etc/abs,Absolute',
      'con,Console',
      'LPT1,Printer',
      'CON.txt,Console with extension',
      'trailing.,Dot',
      'foo,Lower',
      'Foo,Upper',
      'good,Again',
    ].join('\n');
    const result = await checkCase('batch-keys', {
      'brief.md': briefText(':field[name]', 'batch: { data: rows.csv, key: id }\n'),
      'stats.yaml': minimalStats,
      'rows.csv': `${csv}\n`,
    });
    noCrash(result);
    expect(result.code).toBe(1);
    const file = 'content/batch-keys/rows.csv';
    expect(result.messages).toEqual([
      `${file}:3:1 error  Key \`../x\` must start with a letter or digit and use only letters, digits, '.', '_' or '-'  batch-key`,
      `${file}:4:1 error  Key \`/etc/abs\` must start with a letter or digit and use only letters, digits, '.', '_' or '-'  batch-key`,
      `${file}:5:1 error  Key \`con\` is a device name reserved on Windows  batch-key`,
      `${file}:6:1 error  Key \`LPT1\` is a device name reserved on Windows  batch-key`,
      `${file}:7:1 error  Key \`CON.txt\` is a device name reserved on Windows  batch-key`,
      `${file}:8:1 error  Key \`trailing.\` ends with '.', which Windows drops  batch-key`,
      `${file}:10:1 error  Key \`Foo\` is the same folder as \`foo\` on macOS and Windows (line 9)  batch-key`,
      `${file}:11:1 error  Key \`good\` is used twice (line 2)  batch-key`,
    ]);
  });

  it('accepts any column name, `__proto__` and `a&b` included', async () => {
    const result = await checkCase('batch-columns', {
      'brief.md': briefText(
        // Markdown would read `__proto__` as strong emphasis: escaped, it is the column's name.
        'For :field[a&b] and :field[\\_\\_proto\\_\\_] and :field[constructor].',
        'batch: { data: rows.csv, key: id, label: toString }\n',
      ),
      'stats.yaml': minimalStats,
      'rows.csv': 'id,a&b,__proto__,constructor,toString\nfirst,one,two,three,four\n',
    });
    expect(result.stderr).toBe('1 brief(s) checked\n');
    expect(result.code).toBe(0);
  });

  it('reports a batch column that is not there, even one named like an object method', async () => {
    const result = await checkCase('batch-missing-column', {
      'brief.md': briefText('For :field[toString].', 'batch: { data: rows.csv, key: id }\n'),
      'stats.yaml': minimalStats,
      'rows.csv': 'id,name\nfirst,one\n',
    });
    noCrash(result);
    expect(result.messages).toEqual([
      'content/batch-missing-column/brief.md:12:5 error  Unknown batch column `toString`  unknown-field',
    ]);
  });
});
