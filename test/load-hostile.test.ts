/**
 * Hostile and careless input, checked the way a user meets it: `briefkit check` (no browser) on a
 * folder written at run time, the report read back. Every case ends with one clear message at its
 * file, line and column, exit 1, and never a stack trace.
 */
import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planJobs } from '../src/build/plan.js';
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
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(result.code).toBe(1);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatch(
      /^content\/alias-bomb\/stats\.yaml:2:8 error {2}YAML aliases expand too far: Excessive alias count .*raise `limits\.yamlAliases` in the config/,
    );
  });

  it('reports a YAML alias bomb in batch data the same way, at its first alias (was 1:1, no limit named)', async () => {
    const bomb = [
      '- &a [x, x, x, x, x, x, x, x, x, x]',
      '- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      '- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      '- &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '- &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '- [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    ].join('\n');
    const result = await checkCase('batch-alias-bomb', {
      'brief.md': briefText(':field[name]', 'batch: { data: rows.yaml, key: id }\n'),
      'stats.yaml': minimalStats,
      'rows.yaml': `${bomb}\n`,
    });
    noCrash(result);
    expect(result.code).toBe(1);
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]).toMatch(
      /^content\/batch-alias-bomb\/rows\.yaml:2:7 error {2}YAML aliases expand too far: Excessive alias count .*raise `limits\.yamlAliases` in the config/,
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

/** The reported messages of a case that must end within `seconds`, with no stack trace. */
async function checkBounded(
  id: string,
  files: Readonly<Record<string, string | Uint8Array>>,
  // Wall time on a shared, loaded machine; unbounded input ran for minutes before.
  seconds = 60,
): Promise<string[]> {
  const started = performance.now();
  const result = await checkCase(id, files);
  noCrash(result);
  expect(performance.now() - started, 'ends within seconds').toBeLessThan(seconds * 1000);
  expect(result.code, result.stderr).toBe(1);
  return result.messages;
}

const nestingMessage =
  'Nested more than 100 levels deep (lists, quotes, directives, links, emphasis and HTML together): flatten it, or raise `limits.nesting` in the config  nesting';

describe('bounded parsing: nesting', () => {
  it.each([1_000, 5_000])(
    'stops a list nested %i levels at the level past the limit',
    async (levels) => {
      const messages = await checkBounded(`list-${levels}`, {
        'brief.md': briefText(`${'- '.repeat(levels)}x`),
        'stats.yaml': minimalStats,
      });
      expect(messages).toEqual([`content/list-${levels}/brief.md:11:201 error  ${nestingMessage}`]);
    },
  );

  const kinds: [string, string, string][] = [
    ['quotes', `${'> '.repeat(5_000)}x`, '11:201'],
    [
      'indented',
      Array.from({ length: 300 }, (_, level) => `${'  '.repeat(level)}- item`).join('\n'),
      '111:201',
    ],
    [
      'directives',
      Array.from({ length: 300 }, (_, level) => `${':'.repeat(303 - level)}note`).join('\n'),
      '111:1',
    ],
    ['html', `${'<div>'.repeat(5_000)}x`, '11:501'],
    ['images', `${'![a'.repeat(3_000)}${'](x.png)'.repeat(3_000)}`, '11:302'],
    ['emphasis', `${'*a '.repeat(5_000)}x${' b*'.repeat(5_000)}`, '11:301'],
  ];
  it.each(kinds)('stops %s nested thousands of levels deep', async (kind, body, place) => {
    const messages = await checkBounded(`nest-${kind}`, {
      'brief.md': briefText(body),
      'stats.yaml': minimalStats,
    });
    expect(messages).toEqual([`content/nest-${kind}/brief.md:${place} error  ${nestingMessage}`]);
  });

  it('lets the config raise the limit', async () => {
    await writeFiles(join(dir, 'raised'), {
      'briefkit.config.json': JSON.stringify({ limits: { nesting: 200 } }),
      'content/deep/brief.md': briefText(`${'- '.repeat(150)}x`),
      'content/deep/stats.yaml': minimalStats,
    });
    const result = await runCli(['check'], { cwd: join(dir, 'raised'), env });
    expect(result.stderr).toBe('1 brief(s) checked\n');
    expect(result.code).toBe(0);
  });
});

describe('bounded parsing: size and counts', () => {
  it('refuses a 20 MB brief.md at the line where it crosses the limit, without parsing it', async () => {
    const line = 'A sentence of an ordinary paragraph that goes on for a while.\n\n';
    const text = briefText(line.repeat(Math.ceil(20_000_000 / line.length)));
    const messages = await checkBounded('huge', {
      'brief.md': text,
      'stats.yaml': minimalStats,
    });
    expect(messages).toHaveLength(1);
    const [, lineNumber] =
      /^content\/huge\/brief\.md:(\d+):1 error {2}brief\.md is 20\.0 MB, over the limit of 1\.0 MB \(raise `limits\.fileSize` in the config if it must be this large\) {2}file-size$/.exec(
        messages[0] ?? '',
      ) ?? [];
    // The line holding the first byte past the limit (the text is ASCII: one byte a character).
    expect(Number(lineNumber)).toBe(text.slice(0, 1_000_000).split('\n').length);
  });

  it('refuses 10,000 stats at the first one past the limit', async () => {
    const stats = Array.from(
      { length: 10_000 },
      (_, index) =>
        `  s${index}:\n    label: Figure ${index}\n    value: ${index}\n    source: src\n`,
    ).join('');
    const messages = await checkBounded('many-stats', {
      'brief.md': briefText(''),
      'stats.yaml': `${minimalStats}${stats}`,
    });
    // minimalStats holds `gdp` at line 7; s4998 is the 5,000th entry, s4999 the first too many.
    expect(messages).toEqual([
      `content/many-stats/stats.yaml:${11 + 4_999 * 4}:3 error  More than 5000 entries in \`stats\`: split the brief, or raise \`limits.stats\` in the config  too-many`,
    ]);
  });

  it('stops reading a 20,000-row series CSV at the row past the limit', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `c${index},${index}`).join('\n');
    const messages = await checkBounded('long-series', {
      'brief.md': briefText('::chart{series=rows type=bar}'),
      'stats.yaml': `${minimalStats}series:\n  rows:\n    label: Rows\n    source: src\n    data: rows.csv\n    columns: { category: name, value: amount }\n`,
      'rows.csv': `name,amount\n${rows}\n`,
    });
    expect(messages).toEqual([
      'content/long-series/rows.csv:10002:1 error  More than 10000 rows: a chart cannot show them; aggregate the data, or raise `limits.seriesPoints` in the config  too-many',
    ]);
  });

  it('refuses a 20,000-row batch at the row past the limit', async () => {
    const rows = Array.from({ length: 20_000 }, (_, index) => `row${index},Name ${index}`).join(
      '\n',
    );
    const messages = await checkBounded('long-batch', {
      'brief.md': briefText(':field[name]', 'batch: { data: rows.csv, key: id }\n'),
      'stats.yaml': minimalStats,
      'rows.csv': `id,name\n${rows}\n`,
    });
    expect(messages).toEqual([
      'content/long-batch/rows.csv:1002:1 error  More than 1000 rows (one document set each): split the batch, or raise `limits.batchRows` in the config  too-many',
    ]);
  });
});

describe('encodings, line endings and empty files', () => {
  it('reports a byte that is not UTF-8 at its line and column', async () => {
    const text = briefText('Caf\u00e9 is fine; the next byte is not: X.');
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf('X')] = 0xe9; // Latin-1 é, alone: not UTF-8
    const result = await checkCase('latin1', { 'brief.md': bytes, 'stats.yaml': minimalStats });
    noCrash(result);
    expect(result.messages).toEqual([
      'content/latin1/brief.md:11:37 error  Not UTF-8: this byte cannot be read as text; save the file as UTF-8  encoding',
    ]);
  });

  it('accepts a byte-order mark, CRLF line endings, an empty stats.yaml and no stats.yaml', async () => {
    const body = briefText('').replace(':stat[gdp]', 'a figure');
    const cases = {
      bom: { 'brief.md': `\uFEFF${body}` },
      crlf: { 'brief.md': body.replace(/\n/g, '\r\n') },
      'empty-stats': { 'brief.md': body, 'stats.yaml': '' },
      'no-stats': { 'brief.md': body },
      'bom-stats': { 'brief.md': briefText(''), 'stats.yaml': `\uFEFF${minimalStats}` },
    };
    for (const [id, files] of Object.entries(cases)) {
      const result = await checkCase(id, files);
      expect(result.stderr, id).toBe('1 brief(s) checked\n');
      expect(result.code, id).toBe(0);
    }
  });

  it('plans the outputs a brief with a byte-order mark asks for, as without one', async () => {
    const content = join(dir, 'content');
    await writeFiles(join(content, 'bom-plan'), {
      'brief.md': `\uFEFF${briefText('').replace('outputs: [brief]', 'outputs: [deck]')}`,
      'stats.yaml': minimalStats,
    });
    // Before: the planner missed the front matter behind the mark and built every output.
    const jobs = await planJobs({
      contentDir: content,
      ids: ['bom-plan'],
    });
    expect(jobs.map((job) => job.kinds)).toEqual([['deck']]);
  });

  it('refuses to build a brief folder named manifest.json, before printing anything', async () => {
    const root = join(dir, 'manifest-named');
    await writeFiles(join(root, 'content', 'manifest.json'), {
      'brief.md': briefText(''),
      'stats.yaml': minimalStats,
    });
    // Before: it printed, then every build ended in EISDIR writing output/manifest.json (exit 4).
    const result = await runCli(['build', '--content', 'content'], { cwd: root, env });
    noCrash(result);
    expect(result.stderr).toBe(
      'briefkit: A brief folder named `manifest.json` would stand where the build writes its manifest: rename it\n',
    );
    expect(result.code).toBe(2);
    expect(existsSync(join(root, 'output'))).toBe(false);
  });

  it('reads an empty brief.md as a brief with default title and date, with warnings', async () => {
    const result = await checkCase('empty-brief', { 'brief.md': '' });
    noCrash(result);
    expect(result.code).toBe(0);
    expect(result.messages.map((message) => message.replace(/\d{4}-\d{2}-\d{2}/, 'DATE'))).toEqual([
      'content/empty-brief/brief.md:1:1 warning  No `title` in the front matter and no H1: the title is `empty-brief`  front-matter-default',
      'content/empty-brief/brief.md:1:1 warning  No `date` in the front matter: using today, DATE  front-matter-default',
    ]);
  });
});

describe('what a brief may read: its own folder, links resolved', () => {
  const svg = (words: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><text y="15">${words}</text></svg>`;
  const trendStats = `${minimalStats}series:
  trend:
    label: Trend
    source: src
    data: trend.csv
    columns: { category: year, value: amount }
`;

  it('refuses links that lead outside the folder, for images, srcset and series data', async () => {
    const outside = join(dir, 'outside');
    await writeFiles(outside, { 'secret.svg': svg('SECRET'), 'data.csv': 'year,amount\n2020,5\n' });
    const brief = join(dir, 'content', 'links');
    await writeFiles(brief, {
      'brief.md': briefText(
        [
          '![A linked picture](assets/linked.svg)',
          '',
          '<picture><source srcset="assets/linked.svg 2x"><img src="assets/own.svg" alt="own"></picture>',
          '',
          '<picture><source srcset="file:///etc/hostname"><img src="assets/own.svg" alt="own"></picture>',
          '',
          '<picture><source srcset="../../outside/secret.svg"><img src="assets/own.svg" alt="own"></picture>',
        ].join('\n'),
      ),
      'assets/own.svg': svg('OWN'),
      'stats.yaml': trendStats,
    });
    await symlink(join(outside, 'secret.svg'), join(brief, 'assets', 'linked.svg'));
    await symlink(join(outside, 'data.csv'), join(brief, 'trend.csv'));
    const result = await checkCase('links', {});
    noCrash(result);
    expect(result.code).toBe(1);
    // Series data is read with the stats: its error stops the brief before the Markdown is parsed.
    expect(result.messages).toEqual([
      "content/links/stats.yaml:15:11 error  Series `trend`: data file `trend.csv` is a link to a file outside the brief's folder  series-data",
    ]);
    await writeFiles(brief, { 'stats.yaml': minimalStats });
    const images = await checkCase('links', {});
    const file = 'content/links/brief.md';
    // The errors; each `<picture>` also says, as info, that its `<img>` prints instead.
    expect(images.messages.filter((message) => !message.includes(' info '))).toEqual([
      `${file}:11:1 error  Image \`assets/linked.svg\` is a link to a file outside the brief's folder: copy the file in instead  image-outside`,
      `${file}:13:10 error  Image \`assets/linked.svg\` is a link to a file outside the brief's folder: copy the file in instead  image-outside`,
      `${file}:15:10 error  Image \`file:///etc/hostname\` is not a file of the brief: put it in assets/ and link it relatively  image-remote`,
      `${file}:17:10 error  Image \`../../outside/secret.svg\` is outside the brief's folder  image-outside`,
    ]);
  });

  it('refuses batch data that is a link to a file outside the folder', async () => {
    const brief = join(dir, 'content', 'linked-batch');
    await writeFiles(brief, {
      'brief.md': briefText('', 'batch: { data: rows.csv, key: id }\n'),
      'stats.yaml': minimalStats,
    });
    await writeFiles(join(dir, 'outside-batch'), { 'rows.csv': 'id\nfirst\n' });
    await symlink(join(dir, 'outside-batch', 'rows.csv'), join(brief, 'rows.csv'));
    const result = await checkCase('linked-batch', {});
    noCrash(result);
    expect(result.messages).toEqual([
      "content/linked-batch/brief.md:5:1 error  Batch: batch data `rows.csv` is a link to a file outside the brief's folder  batch",
    ]);
  });

  it('refuses a stats.yaml that is a link to a file outside the folder', async () => {
    const brief = join(dir, 'content', 'linked-stats');
    await writeFiles(brief, { 'brief.md': briefText('') });
    await writeFiles(join(dir, 'outside-stats'), { 'stats.yaml': minimalStats });
    await symlink(join(dir, 'outside-stats', 'stats.yaml'), join(brief, 'stats.yaml'));
    const result = await checkCase('linked-stats', {});
    noCrash(result);
    expect(result.messages).toEqual([
      "content/linked-stats/stats.yaml:1:1 error  stats.yaml is a link to a file outside the brief's folder: copy the file in instead  file-outside",
    ]);
  });

  it('follows links that stay inside the folder', async () => {
    const brief = join(dir, 'content', 'inner-links');
    await writeFiles(brief, {
      'brief.md': briefText('![A picture](assets/alias.svg)'),
      'stats.yaml': minimalStats,
      'assets/real.svg': svg('REAL'),
    });
    await symlink('real.svg', join(brief, 'assets', 'alias.svg'));
    const result = await checkCase('inner-links', {});
    expect(result.stderr).toBe('1 brief(s) checked\n');
    expect(result.code).toBe(0);
  });

  it('reports a malformed percent escape in an image path at its place', async () => {
    const result = await checkCase('percent', {
      'brief.md': briefText('![x](assets/%E0%A4%A)'),
      'stats.yaml': minimalStats,
    });
    noCrash(result);
    expect(result.messages).toEqual([
      // micromark escapes the lone `%` of `%A`; the incomplete UTF-8 sequence is the error.
      'content/percent/brief.md:11:1 error  Image `assets/%E0%A4%25A` has a percent escape that is not UTF-8 text: write the file name as it is, or `%` as `%25`  image-missing',
    ]);
  });
});

describe("the config's brand files: inside the project, links resolved", () => {
  const logo = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>';
  const sheet = "@font-face { font-family: 'Brand Serif'; src: url(brand.woff2); }\n";

  it('refuses a logo or stylesheet outside the project, or linked to outside it, at its key', async () => {
    const project = join(dir, 'brand-project');
    await writeFiles(join(dir, 'brand-elsewhere'), { 'logo.svg': logo, 'brand.css': sheet });
    await writeFiles(project, {
      'briefkit.config.json': `{
  "brand": { "logo": "../brand-elsewhere/logo.svg" },
  "fonts": {
    "serif": { "family": "Brand Serif", "stylesheets": ["../brand-elsewhere/brand.css"] },
    "sans": { "family": "Brand Sans", "stylesheets": ["fonts/linked.css"] }
  }
}
`,
      'content/one/brief.md': briefText(''),
      'content/one/stats.yaml': minimalStats,
    });
    await mkdir(join(project, 'fonts'), { recursive: true });
    await symlink(join(dir, 'brand-elsewhere', 'brand.css'), join(project, 'fonts', 'linked.css'));
    const result = await runCli(['check'], { cwd: project, env });
    noCrash(result);
    expect(result.code).toBe(1);
    const outside =
      "is outside the project (the config's folder), or a link to a file outside it: copy it in  config";
    expect(parseReport(result.stderr).map(describeMessage)).toEqual([
      `briefkit.config.json:2:22 error  \`brand.logo\`: ../brand-elsewhere/logo.svg ${outside}`,
      `briefkit.config.json:4:57 error  \`fonts.serif.stylesheets[0]\`: ../brand-elsewhere/brand.css ${outside}`,
      `briefkit.config.json:5:55 error  \`fonts.sans.stylesheets[0]\`: fonts/linked.css ${outside}`,
    ]);
    expect(result.stderr).toContain('briefkit.config.json is not a valid briefkit config');
  });

  it('takes a logo linked to a file inside the project, and a package stylesheet', async () => {
    const project = join(dir, 'brand-inside');
    await writeFiles(project, {
      'briefkit.config.json': JSON.stringify({
        brand: { logo: 'brand/logo.svg' },
        fonts: {
          serif: {
            family: 'Source Serif 4',
            stylesheets: ['@fontsource/source-serif-4/400.css'],
          },
        },
      }),
      'assets/real-logo.svg': logo,
      'content/one/brief.md': briefText(''),
      'content/one/stats.yaml': minimalStats,
    });
    await mkdir(join(project, 'brand'), { recursive: true });
    await symlink(join(project, 'assets', 'real-logo.svg'), join(project, 'brand', 'logo.svg'));
    const result = await runCli(['check'], { cwd: project, env });
    expect(result.stderr).toBe('1 brief(s) checked\n');
    expect(result.code).toBe(0);
  });
});

describe('closed links and footnotes on one line are not nesting', () => {
  it('checks a line of 300 links, footnotes and stats', async () => {
    const line = Array.from(
      { length: 100 },
      (_, index) => `[a](#section) :stat[gdp] text[^n${index}]`,
    );
    const notes = Array.from({ length: 100 }, (_, index) => `[^n${index}]: Note ${index}.`);
    const result = await checkCase('long-line', {
      'brief.md': briefText(`${line.join(' ')}\n\n${notes.join('\n')}`),
      'stats.yaml': minimalStats,
    });
    noCrash(result);
    expect(result.messages).toEqual([]);
    expect(result.code).toBe(0);
  });
});
