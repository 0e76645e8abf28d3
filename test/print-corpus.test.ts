/**
 * Documents as people write them elsewhere, built with no flags and read back from the PDF:
 * nothing shrinks a page, nothing is clipped, fonts come from packages. Each corpus brief is
 * test/fixtures/corpus/content/<id>/brief.md, written for these tests.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  parseReport,
  pdfFonts,
  readPdf,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';
import { bodyRuns, greyOf, readLayout, squashRuns, type PageLayout } from './pdf-layout.js';

const corpusDir = join(fixturesDir, 'corpus', 'content');
/** brief.css: body text 10.2pt, the page footer 8pt; nothing a reader reads is smaller. */
const bodySize = 10.2;
const footerSize = 8;

const build = (dir: string, out: string, extra: string[] = []) =>
  runCli(['build', '--content', 'content', '--out', out, ...extra], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });

/** Fonts a machine would supply when a page asks for one it was not given. */
const machineFonts = /DejaVu|Droid|Liberation|Noto(?!Sans|Serif|Naskh|Kufi)|Arial|Helvetica|Times/i;

async function buildCorpus(ids: string[]) {
  const dir = await makeTempDir('corpus');
  for (const id of ids) await copyFixture(join(corpusDir, id), join(dir, 'content', id));
  const result = await build(dir, join(dir, 'out'));
  return { dir, result };
}

describe('a brief with a 300-character URL, a 200-character code line, 12 columns and a tall image', () => {
  let dir: string;
  let result: CliResult;
  let bytes: Uint8Array;
  let pages: PageLayout[];
  let markdown: string;

  beforeAll(async () => {
    ({ dir, result } = await buildCorpus(['wide']));
    markdown = await readFile(join(corpusDir, 'wide', 'brief.md'), 'utf8');
    bytes = await readFile(join(dir, 'out', 'wide', 'brief.pdf'));
    pages = await readLayout(bytes);
  }, 120_000);
  afterAll(() => removeDir(dir));

  it('builds with no flags and no warnings but its table of unsourced figures', () => {
    expect(result.code, result.stderr).toBe(0);
    // The 12-column table is made-up data: `untracked-number` rightly asks for its sources.
    expect(
      parseReport(result.stderr).filter((message) => !message.text.includes('untracked-number')),
    ).toEqual([]);
  });

  it('never shrinks a page: body text is 10.2pt and the footer 8pt on every page', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.length).toBeLessThanOrEqual(8);
    for (const [index, page] of pages.entries()) {
      const footer = page.runs.filter((run) => /Page \d+ of \d+/.test(run.str));
      expect(
        footer.map((run) => run.size.toFixed(1)),
        `page ${index + 1}`,
      ).toEqual([footerSize.toFixed(1)]);
      // Source markers and footnote numbers are set small on purpose; everything else is read.
      const read = page.runs.filter((run) => !/^\d+$/.test(run.str.trim()));
      const smallest = Math.min(...read.map((run) => run.size));
      expect(smallest, `page ${index + 1}`).toBeGreaterThanOrEqual(footerSize - 0.05);
    }
    const after = pages.flatMap((page) => page.runs).find((run) => run.str.includes('sixth level'));
    expect(after?.size).toBeCloseTo(bodySize, 1);
  });

  it('keeps the whole URL, in the body and in the notes, wrapped inside the column', async () => {
    const url = /<(https:[^>]+)>/.exec(markdown)?.[1] ?? '';
    expect(url).toHaveLength(300);
    const text = pages.map((page) => squashRuns(bodyRuns(page))).join('');
    expect(text.split(url).length - 1).toBe(2);
    for (const page of pages)
      for (const run of page.runs) expect(run.x + 0).toBeLessThan(page.width - 0.8 * 72 + 1);
    const reading = await readPdf(bytes);
    expect(reading.pages.flatMap((page) => page.links).map((link) => link.url)).toContain(url);
  });

  it('wraps the 200-character code line in the monospace face, nothing cut off', async () => {
    const line = /^const budget.*$/m.exec(markdown)?.[0] ?? '';
    expect(line).toHaveLength(200);
    const text = pages.map((page) => squashRuns(bodyRuns(page))).join('');
    expect(text).toContain(line.replace(/\s+/g, ''));
    const fonts = await pdfFonts(bytes);
    expect(fonts.map((font) => font.name)).toContainEqual(expect.stringMatching(/^SourceCodePro/));
  });

  it('highlights code at build time in colours that stay apart in grey, continuations marked', () => {
    const inks = pages.flatMap((page) => page.inks);
    const colorOf = (text: string) => inks.find((ink) => ink.text.includes(text))?.color;
    const keyword = colorOf('const');
    const string = colorOf("'USD'");
    const number = colorOf('0.075');
    const comment = colorOf('Budget for the');
    const body = colorOf('sets every option');
    const greys = [keyword, string, number, comment].map((color) => greyOf(color ?? '#000000'));
    expect(new Set([keyword, string, number, comment, body]).size).toBe(5);
    const sorted = [...greys].sort((a, b) => a - b);
    for (let index = 1; index < sorted.length; index++)
      expect((sorted[index] as number) - (sorted[index - 1] as number)).toBeGreaterThanOrEqual(20);
    // The wrapped line's continuation marks are drawn in the gutter, not written as text.
    expect(pages.map((page) => squashRuns(page.runs)).join('')).not.toMatch(/[↪↳]/);
  });

  it('fits twelve columns on the page and repeats the header row on every page of the table', () => {
    const header = 'DistrictJanFebMarAprMayJunJulAugSepOctNov';
    const withRows = pages.filter((page) => /District\d\dof/.test(squashRuns(bodyRuns(page))));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const page of withRows) {
      expect(squashRuns(bodyRuns(page))).toContain(header);
      const cells = bodyRuns(page).filter((run) => /^\d{1,2},\d{3}/.test(run.str));
      for (const cell of cells) expect(cell.size).toBeGreaterThanOrEqual(bodySize * 0.8 - 0.05);
    }
    const rows = markdown.match(/^\| District \d+/gm) ?? [];
    const printed = pages.map((page) => squashRuns(bodyRuns(page))).join('');
    for (let row = 1; row <= rows.length; row++)
      expect(printed).toContain(`District${String(row).padStart(2, '0')}of`);
  });

  it('fits the tall image inside the text block of one page', () => {
    const painted = pages.flatMap((page, index) => page.images.map((box) => ({ index, box })));
    expect(painted).toHaveLength(1);
    const [{ index, box } = { index: 0, box: { x: 0, y: 0, width: 0, height: 0 } }] = painted;
    const page = pages[index] as PageLayout;
    expect(box.height).toBeGreaterThan(300);
    expect(box.y).toBeGreaterThanOrEqual(0.75 * 72 - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(page.height - 0.8 * 72 + 1);
    expect(box.x + box.width).toBeLessThanOrEqual(page.width - 0.8 * 72 + 1);
  });

  it('prints H1–H6 in a hierarchy no smaller than body text, and no heading ends a page', () => {
    const size = (text: string) =>
      pages.flatMap((page) => page.runs).find((run) => run.str.trim() === text)?.size ?? 0;
    const levels = ['Links that never stop', 'Third level', 'Fourth level', 'Fifth level'];
    const sizes = [...levels, 'Sixth level'].map(size);
    for (const [index, value] of sizes.entries()) {
      expect(value, levels[index]).toBeGreaterThanOrEqual(bodySize - 0.05);
      if (index > 0) expect(value).toBeLessThanOrEqual(sizes[index - 1] as number);
    }
    expect(sizes[0]).toBeGreaterThan(sizes[2] as number);
    const headings = new Set(markdown.match(/^#{1,6} .+$/gm)?.map((h) => h.replace(/^#+ /, '')));
    for (const page of pages.slice(0, -1)) {
      const runs = bodyRuns(page).sort((a, b) => a.y - b.y);
      expect(headings.has(runs[0]?.str.trim() ?? '')).toBe(false);
    }
  });

  it('embeds every font from a package, none of the machine’s', async () => {
    const fonts = await pdfFonts(bytes);
    for (const font of fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).not.toMatch(machineFonts);
      expect(font.name).toMatch(/^Source(Serif4|Sans3|CodePro)/);
    }
  });
});

describe('a block that cannot wrap', () => {
  let dir: string;
  let markdown: string;
  beforeAll(async () => {
    markdown = await readFile(join(corpusDir, 'wide', 'brief.md'), 'utf8');
    dir = await makeTempDir('corpus-wide');
    await copyFixture(join(corpusDir, 'wide'), join(dir, 'content', 'wide'));
    // A house stylesheet (loaded as a font sheet) that forces code wider than any page.
    await writeFile(join(dir, 'wide.css'), 'pre { min-width: 11in; }\n');
    await writeFile(
      join(dir, 'briefkit.config.json'),
      JSON.stringify({ fonts: { serif: { family: 'Source Serif 4', stylesheets: ['wide.css'] } } }),
    );
  });
  afterAll(() => removeDir(dir));

  it('is an error naming it, not a page Chromium shrinks to fit', async () => {
    const result = await build(dir, join(dir, 'out'));
    expect(result.code).toBe(1);
    const messages = parseReport(result.stderr);
    const line = markdown.split('\n').findIndex((text) => text.startsWith('// Budget')) + 1;
    expect(messages).toContainEqual(
      expect.objectContaining({
        file: 'content/wide/brief.md',
        line,
        text: expect.stringMatching(
          /error\s+`<pre>` “\/\/ Budget for the northern.*wider than the text column.*page-overflow/,
        ),
      }),
    );
    const allowed = await build(dir, join(dir, 'out2'), ['--allow-overflow']);
    expect(allowed.code, allowed.stderr).toBe(0);
  }, 120_000);
});
