/**
 * Documents written the way other tools want them (Pandoc/Quarto, kramdown, md-to-pdf, plain
 * prose full of times and ratios), one folder each under `test/fixtures/corpus/content/`. The
 * whole corpus is built once with no flags, by the CLI a user runs, and every brief PDF is read
 * back: the words are there as written, no markup shows, body text is at the theme's size on
 * every page (nothing scaled to fit), every font is embedded.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPages, type ReadPage } from './deck-helpers.js';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  normalizeSpace,
  parseReport,
  pdfFonts,
  readPdf,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
  type PdfFont,
  type PdfReading,
} from './helpers.js';

/** The theme's body size (templates/brief.css `html { font-size }`). */
const bodySize = 10.2;

interface Built {
  /** pdftotext's reading of the brief, whitespace collapsed. */
  text: string;
  pages: ReadPage[];
  fonts: PdfFont[];
  reading: PdfReading;
}

let dir: string;
let result: CliResult;
const built = new Map<string, Built>();

async function readBrief(id: string): Promise<Built> {
  const path = join(dir, 'out', id, 'brief.pdf');
  const bytes = new Uint8Array(await readFile(path));
  return {
    text: normalizeSpace(execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-']).toString()),
    pages: await readPages(bytes),
    fonts: await pdfFonts(bytes),
    reading: await readPdf(bytes),
  };
}

/** The size most of a page's characters are set in. */
function mainSize(page: ReadPage): number {
  const counts = new Map<number, number>();
  for (const item of page.items) {
    const size = Math.round(item.size * 10) / 10;
    counts.set(size, (counts.get(size) ?? 0) + item.str.length);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

beforeAll(async () => {
  dir = await makeTempDir('corpus');
  await copyFixture(join(fixturesDir, 'corpus', 'content'), join(dir, 'content'));
  result = await runCli(['build', '--content', 'content', '--out', 'out'], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });
  if (result.code !== 0) return;
  for (const id of [
    'times-and-ratios',
    'md-to-pdf-notes',
    'page-rule',
    'lab-notes',
    'github-readme',
    'spec-terms',
  ])
    built.set(id, await readBrief(id));
}, 240_000);

afterAll(async () => {
  await removeDir(dir);
});

/** What every corpus brief must be: built, read back at the body size, fonts embedded. */
function expectSound(id: string): Built {
  const brief = built.get(id);
  expect(brief, result.stderr).toBeDefined();
  if (!brief) throw new Error(`${id} was not built`);
  for (const [index, page] of brief.pages.entries()) {
    if (page.items.length < 20) continue; // a page with a few lines has no body to measure
    expect(mainSize(page), `${id} page ${index + 1}`).toBeCloseTo(bodySize, 0);
  }
  expect(brief.fonts.length).toBeGreaterThan(0);
  for (const font of brief.fonts) expect(font.embedded, font.name).toBe(true);
  return brief;
}

it('builds the whole corpus with no flags and no errors', () => {
  expect(result.code, result.stderr).toBe(0);
  const errors = parseReport(result.stderr).filter((message) => /error/.test(message.text));
  expect(errors).toEqual([]);
});

/** The messages the build reported for one brief, as `line:column severity reason`. */
function messagesOf(id: string): string[] {
  return parseReport(result.stderr)
    .filter((message) => message.file.endsWith(`${id}/brief.md`))
    .map((message) => `${message.line}:${message.column} ${message.text}`);
}

describe('a brief full of times and ratios, with no front matter', () => {
  it('takes its title from the first H1, prints it once, and dates it with a warning', () => {
    const { pages } = expectSound('times-and-ratios');
    const first = normalizeSpace(pages[0]?.text ?? '');
    // The cover and the running footer; the H1 is not repeated in the body.
    expect(first.match(/Ferry Timetable Review/g)).toHaveLength(2);
    expect(first).toContain('January 1, 2026'); // SOURCE_DATE_EPOCH's day: not in a git work tree
    expect(
      messagesOf('times-and-ratios').filter((line) => /front-matter-default/.test(line)),
    ).toEqual([
      expect.stringMatching(
        /^1:1 warning +No `title` in the front matter: the first H1 is the title/,
      ),
      expect.stringMatching(/^1:1 warning +No `date` in the front matter: using today, 2026-01-01/),
    ]);
  });

  it('prints every time, ratio and reference as written', () => {
    const { text } = expectSound('times-and-ratios');
    for (const written of [
      '6:45 AM',
      '11:30 PM',
      '7:15 to 9:00 AM',
      'foot passengers 3:1',
      '52:48',
      '38:10',
      'hh:mm:ss',
      '06:45:00',
      '2026-10-14T12:00:00Z',
      '1:40',
      '7:2 in favour',
      'John 3:16',
      '1:4',
      '10:59:59 sharp',
    ])
      expect(text).toContain(written);
  });
});

describe('an md-to-pdf file with its front matter', () => {
  it("ignores md-to-pdf's keys with one info line each and builds from the H1", () => {
    const { text } = expectSound('md-to-pdf-notes');
    expect(text).toContain('Allotment Society Notes');
    expect(text).toContain('The society keeps forty plots along the railway embankment.');
    expect(text).not.toMatch(/example\.org|pdf_options|markdown-body/);
    const infos = messagesOf('md-to-pdf-notes').filter((line) => / info /.test(line));
    expect(infos).toEqual(
      ['pdf_options', 'stylesheet', 'body_class', 'highlight_style', 'dest'].map((key) =>
        expect.stringContaining(`\`${key}\` is md-to-pdf's front matter: ignored`),
      ),
    );
  });
});

describe('a file that opens with a rule, not front matter', () => {
  it('reads the `---` block as Markdown, titled by its folder name', () => {
    const { text } = expectSound('page-rule');
    expect(text).toContain('A note on the old pier, written between two rules');
    expect(text).toContain('The timber piles were replaced in stages');
    expect(text).not.toContain('---');
    expect(text.startsWith('page-rule')).toBe(true);
  });
});

describe('the rest of what people write: marks, definitions, emoji, page breaks, hidden HTML', () => {
  it('prints subscripts, superscripts, definitions and emoji, never their syntax', () => {
    const { text } = expectSound('lab-notes');
    expect(text).toContain('mostly H2O with a trace of CO2.');
    expect(text).toContain('This is the 19th revision of the schedule');
    // The shortcodes are gone; their glyphs come from the emoji font (helper typo's part).
    expect(text).toContain('Watering Twice a day in summer, once in winter.');
    expect(text).toContain('Shade cloth Drawn when the sensor reads above 30 degrees.');
    // markdown-it's and Pandoc's other marker, the tilde.
    expect(text).toContain('Vents Opened by hand at noon.');
    expect(text).not.toMatch(/[~^]|:seedling:|:\+1:|\\newpage|^: /);
  });

  it('never prints the contents of <style>, <script> or comments', () => {
    const { text } = expectSound('lab-notes');
    expect(text).not.toMatch(/color|display|hidden-note|document\.title|changed|reviewer/);
  });

  it('starts a page at \\newpage, a page-break div and a page-break-after style', () => {
    const { pages } = expectSound('lab-notes');
    const starts = pages.map((page) => normalizeSpace(page.text));
    expect(pages).toHaveLength(4);
    expect(starts[0]).toContain('Shade cloth');
    expect(starts[1]).toMatch(/Seed trays/);
    expect(starts[1]).not.toMatch(/Labels/);
    expect(starts[2]).toMatch(/Labels.*Every tray carries a label/);
    expect(starts[3]).toMatch(/Compost/);
  });
});

describe('a GitHub readme: alerts and links to headings', () => {
  it('prints alerts as titled callouts without their syntax', () => {
    const { text } = expectSound('github-readme');
    expect(text).toMatch(/NOTE Members may borrow three tools at a time\./i);
    expect(text).toMatch(/WARNING Saws are lent with their guards on/i);
    expect(text).not.toMatch(/\[!NOTE\]|\[!WARNING\]|^>|\s>\s/);
  });

  it('links to H3 headings by their GitHub slugs, Greek included', () => {
    expect(messagesOf('github-readme').filter((line) => / error /.test(line))).toEqual([]);
    const { reading } = expectSound('github-readme');
    const dests = reading.pages.flatMap((page) => page.links.flatMap((link) => link.dest ?? []));
    expect(new Set(dests).size).toBe(3); // a link broken over two lines has two boxes
    for (const dest of dests) expect(reading.destinations).toContain(dest);
  });
});

describe("a specification written the CommonMark spec's way", () => {
  it('ends its front matter at `...` and prints what follows, the introduction included', () => {
    const { text } = expectSound('spec-terms');
    expect(text).toContain('This note says how a seed packet is labelled');
    expect(text).not.toMatch(/version|\.\.\.|Allotment Society.*Allotment Society/);
  });

  it('prints `[term](@)` as a defined term and every `[term]` as a link to it', () => {
    const { text, reading } = expectSound('spec-terms');
    expect(text).toContain('A packet label is the card glued to the front of a packet.');
    expect(text).toContain('and a shelf holds many packet labels.');
    expect(text).toContain('read as described above, and the older form is kept');
    expect(text).not.toMatch(/\(@\)|\[packet|\[sowing|\]\[/);
    // Brackets that name no term stay as written, as CommonMark leaves them.
    expect(text).toContain('[anything else]');
    const dests = reading.pages.flatMap((page) => page.links.flatMap((link) => link.dest ?? []));
    // packet label, sowing window, packet labels, sowing window, above, the older form.
    expect(dests.length).toBeGreaterThanOrEqual(6);
    for (const dest of dests) expect(reading.destinations).toContain(dest);
  });

  it('warns for a link to an anchor the document lacks, prints its text, and builds', () => {
    expect(messagesOf('spec-terms').filter((line) => /link-target/.test(line))).toEqual([
      expect.stringMatching(
        /^23:10 warning +Link to `#glossary-of-terms` goes nowhere: no section or anchor has that id \(sections: #introduction, #labels\) +link-target$/,
      ),
    ]);
    const { text, reading } = expectSound('spec-terms');
    expect(text).toContain('See also the glossary, which this note does not include.');
    const urls = reading.pages.flatMap((page) => page.links.flatMap((link) => link.url ?? []));
    expect(urls).toEqual([]);
  });
});
