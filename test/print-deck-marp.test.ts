/**
 * Marp decks as Marp writes them, read back from the PDFs and the .pptx the real CLI writes:
 * image keywords (`w:300`, `height:1.5in`, `h:1.5em`, `sepia`) size the picture on the slide and
 * never reach its alt text or the page; a slide whose only picture is on the web shows its
 * description and why, with a warning at its line; `headingDivider` (front matter, or a comment
 * with a list of levels) starts a slide at each heading of those levels; a deck with Marp's keys
 * but no `marp: true` is still one, a formula in a title reads once, and headings inside a slide
 * stay under its title's size. Fixtures:
 * test/fixtures/deck/marp/content/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckFixtures, lineOf, readPages, type ReadPage } from './deck-helpers.js';
import { allNodes, readAccessibility } from './pdf-accessibility.js';
import { readLayout, type PageLayout } from './pdf-layout.js';
import {
  makeTempDir,
  parseReport,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const contentDir = join(deckFixtures, 'marp', 'content');
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const ids = ['images', 'divider', 'divider-list', 'unmarked'];

let out: string;
let build: CliResult;
let check: CliResult;
const decks = new Map<string, ReadPage[]>();
const layouts = new Map<string, PageLayout[]>();
let markdown: string;

beforeAll(async () => {
  out = await makeTempDir('deck-marp');
  check = await runCli(['check', '--content', contentDir], { env });
  build = await runCli(
    ['build', '--content', contentDir, '--out', out, '--format', 'deck,handout,pptx', '--force'],
    { env },
  );
  for (const id of ids) {
    const bytes = await readFile(join(out, id, 'deck.pdf'));
    decks.set(id, await readPages(bytes));
    layouts.set(id, await readLayout(bytes));
  }
  markdown = await readFile(join(contentDir, 'images', 'brief.md'), 'utf8');
}, 170_000);
afterAll(() => removeDir(out));

const pagesOf = (id: string): ReadPage[] => {
  const pages = decks.get(id);
  if (!pages) throw new Error(`no deck for ${id}: ${build.stderr}`);
  return pages;
};
const layoutOf = (id: string, page: number): PageLayout => {
  const layout = layouts.get(id)?.[page - 1];
  if (!layout) throw new Error(`no page ${page} in ${id}`);
  return layout;
};

/** A slide's words above the footer, in reading order. */
const words = (page: ReadPage): string =>
  page.items
    .filter((item) => item.y > 30)
    .map((item) => item.str)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

const messagesOf = (result: CliResult, id: string): string[] =>
  parseReport(result.stderr)
    .filter((message) => message.file.includes(`/${id}/`))
    .map((message) => `${message.line}:${message.column} ${message.text}`)
    .sort();

/** Marp's slide is 1280 px wide, this one 720 pt: a length keeps its share of the slide. */
const marpPx = (pixels: number) => (pixels * 720) / 1280;
/** The number a keyword in the fixture gives (`w:300` → 300). */
const keyword = (pattern: RegExp): number => Number(pattern.exec(markdown)?.[1]);
const keywords = /\b(w|h|width|height):\S+|\bsepia\b/;

describe('check and build', () => {
  it('agree on every document, and pass', () => {
    expect(check.code, check.stderr).toBe(0);
    expect(build.code, build.stderr).toBe(0);
    for (const id of ids) expect(messagesOf(build, id)).toEqual(messagesOf(check, id));
  });

  it('honour `headingDivider` without calling it ignored', () => {
    expect(check.stderr).not.toMatch(/headingDivider/);
  });
});

describe("Marp's image keywords", () => {
  it("size a picture by width (`w:300`): 300 of Marp's 1280 pixels of slide, at the text's start", () => {
    const page = layoutOf('images', 2);
    const [image] = page.images;
    const width = marpPx(keyword(/w:(\d+)\]/));
    expect(image?.width).toBeCloseTo(width, 0);
    // A square picture stays square.
    expect(image?.height).toBeCloseTo(width, 0);
    const title = page.runs.find((run) => run.str.startsWith('The map'));
    expect(Math.abs((image?.x ?? 0) - (title?.x ?? 0))).toBeLessThan(2);
    // What follows the picture comes right under it, not at the foot of the slide.
    const below = page.runs.find((run) => run.str.startsWith('Below the map'));
    const gap = (image?.y ?? 0) - (below?.y ?? 0);
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(2 * 21);
  });

  it('size a picture by height in inches (`height:1.5in`), keeping its shape', () => {
    const [image] = layoutOf('images', 3).images;
    const height = marpPx(keyword(/height:([\d.]+)in/) * 96);
    // Within a CSS pixel (Chromium places pictures on whole pixels).
    expect(Math.abs((image?.height ?? 0) - height)).toBeLessThanOrEqual(0.75);
    // assets/dawn.png is 320 × 200.
    expect(Math.abs((image?.width ?? 0) - (height * 320) / 200)).toBeLessThanOrEqual(1.5);
  });

  it('leave a filter on a picture in the text out (it would lose its tag), said in the info line', () => {
    const [line] = parseReport(check.stderr).filter(
      (message) => message.file.includes('/images/') && message.text.includes('slide-directive'),
    );
    expect(line?.text).toContain('`sepia (on a picture that is not a background)`');
  });

  it('size a button in a link by the type (`h:1.5em`: one and a half times 21 pt)', () => {
    const [image] = layoutOf('images', 4).images;
    expect(image?.height).toBeCloseTo(keyword(/h:([\d.]+)em\]\(assets/) * 21, 0);
  });

  it("never reach the page, the PDF's alt text or the handout", async () => {
    for (const page of pagesOf('images')) expect(page.flat).not.toMatch(keywords);
    expect(pagesOf('images')[3]?.flat).toContain('Status: build passing since March.');
    const handout = await readPages(await readFile(join(out, 'images', 'handout.pdf')));
    for (const page of handout) expect(page.flat).not.toMatch(keywords);
    const reading = await readAccessibility(await readFile(join(out, 'images', 'deck.pdf')));
    const alts = reading.trees
      .flatMap((tree) => allNodes([tree]))
      .filter((node) => node.role === 'Figure')
      .map((node) => node.alt);
    for (const alt of ['Harbour map', 'Dawn over the harbour', 'Tide chart button'])
      expect(alts).toContain(alt);
    for (const alt of alts) expect(alt ?? '').not.toMatch(keywords);
  });

  it('size the picture in deck.pptx too, its description without them', async () => {
    const zip = await JSZip.loadAsync(await readFile(join(out, 'images', 'deck.pptx')));
    const slide = async (number: number) =>
      (await zip.file(`ppt/slides/slide${number}.xml`)?.async('string')) ?? '';
    const picture = (xml: string) => {
      const pic = /<p:pic>[\s\S]*?<\/p:pic>/.exec(xml)?.[0] ?? '';
      const [, cx = '0', cy = '0'] = /<a:ext cx="(\d+)" cy="(\d+)"/.exec(pic) ?? [];
      const emuPerPt = 914400 / 72;
      return {
        descr: /descr="([^"]*)"/.exec(pic)?.[1],
        width: Number(cx) / emuPerPt,
        height: Number(cy) / emuPerPt,
        link: /hlinkClick/.test(pic),
      };
    };
    const map = picture(await slide(2));
    expect(map.descr).toBe('Harbour map');
    expect(map.width).toBeCloseTo(marpPx(300), 0);
    // The text after it follows right under it, as in deck.pdf, not at the foot of the slide.
    const top = (xml: string) => Number(/<a:off x="\d+" y="(\d+)"/.exec(xml)?.[1]) / (914400 / 72);
    const xml2 = await slide(2);
    const pic = /<p:pic>[\s\S]*?<\/p:pic>/.exec(xml2)?.[0] ?? '';
    const below =
      [...xml2.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].find((match) =>
        match[0].includes('Below the map'),
      )?.[0] ?? '';
    const gap = top(below) - (top(pic) + map.height);
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(21);
    const dawn = picture(await slide(3));
    expect(dawn.descr).toBe('Dawn over the harbour');
    expect(dawn.height).toBeCloseTo(marpPx(1.5 * 96), 0);
    // The button is a picture with its link, not left out.
    const button = picture(await slide(4));
    expect(button.descr).toBe('Tide chart button');
    expect(button.height).toBeCloseTo(1.5 * 21, 0);
    expect(button.link).toBe(true);
    for (let number = 1; number <= 6; number++) {
      const text = [...(await slide(number)).matchAll(/<a:t>([^<]*)<\/a:t>|descr="([^"]*)"/g)]
        .map((match) => match[1] ?? match[2])
        .join(' ');
      expect(text).not.toMatch(keywords);
    }
  });
});

describe('a slide whose only picture is on the web', () => {
  it('shows its description, why it is missing and its address, never an empty slide', () => {
    const [, , , , alone, night] = pagesOf('images') as ReadPage[];
    for (const [page, alt, address] of [
      [alone, 'Tide tables for March', 'https://example.org/tides.png'],
      [night, 'Harbour at night', 'https://example.org/night.jpg'],
    ] as const) {
      const text = words(page as ReadPage);
      expect(text).toContain(alt);
      expect(text).toContain('briefkit fetch-images');
      expect(text).toContain(address);
      expect(text).not.toMatch(keywords);
    }
    expect(words(night as ReadPage)).toMatch(/^At night /);
  });

  it('shows the same in deck.pptx, in a dashed frame where the picture would be', async () => {
    const zip = await JSZip.loadAsync(await readFile(join(out, 'images', 'deck.pptx')));
    const xml = (await zip.file('ppt/slides/slide5.xml')?.async('string')) ?? '';
    const frame =
      [...xml.matchAll(/<p:sp>[\s\S]*?<\/p:sp>/g)].find((match) =>
        match[0].includes('Tide tables for March'),
      )?.[0] ?? '';
    expect(frame).toContain('briefkit fetch-images');
    expect(frame).toContain('https://example.org/tides.png');
    expect(frame).toMatch(/<a:prstDash val="dash"\/>/);
  });

  it("is a warning at the slide's line, in check and build", () => {
    for (const [number, pattern] of [
      [5, /tides\.png/],
      [6, /night\.jpg/],
    ] as const) {
      const line = lineOf(markdown, pattern);
      const warning = messagesOf(check, 'images').find((text) =>
        text.startsWith(`${line}:1 warning  Slide ${number} has nothing to show but a picture`),
      );
      expect(warning, check.stderr).toContain('briefkit fetch-images');
    }
    expect(messagesOf(check, 'images').join('\n')).not.toMatch(/is empty/);
  });
});

describe('`headingDivider`', () => {
  it('`2` in the front matter: a slide at each H1 and H2, none empty after a `---`', () => {
    expect(pagesOf('divider').map(words)).toEqual([
      'River Survey Spring round, three reaches',
      'Upper reach Gravel beds intact Two new weirs Fish counts Trout up by a third.',
      'Middle reach Banks eroding near the mill.',
      'Lower reach Tidal from the bridge down.',
      'Appendix Methods and gear.',
    ]);
  });

  it('`[1, 3]` in a comment: H1 and H3 only, the H2 staying on its slide', () => {
    expect(pagesOf('divider-list').map(words)).toEqual([
      'Budget Walkthrough Where the money comes from and where it goes Income Taxes and fees.',
      'Income tax Half of the total.',
      'Fees A tenth.',
      'Spending Schools first.',
    ]);
    // The comment is a directive, not a speaker note.
    for (const page of pagesOf('divider-list'))
      expect(page.annotations.filter((note) => note.subtype === 'Text')).toEqual([]);
  });

  it('gives the handout and the .pptx the same slides', async () => {
    for (const id of ['divider', 'divider-list']) {
      const handout = await readPages(await readFile(join(out, id, 'handout.pdf')));
      expect(handout.length).toBe(Math.ceil(pagesOf(id).length / 3));
      const zip = await JSZip.loadAsync(await readFile(join(out, id, 'deck.pptx')));
      const slides = Object.keys(zip.files).filter((name) =>
        /^ppt\/slides\/slide\d+\.xml$/.test(name),
      );
      expect(slides).toHaveLength(pagesOf(id).length);
    }
  });
});

describe('a Marp deck without `marp: true` (Marp CLI reads any Markdown)', () => {
  it('is read as one from a key only Marp writes, said at that key', async () => {
    const markdown = await readFile(join(contentDir, 'unmarked', 'brief.md'), 'utf8');
    const read = parseReport(check.stderr).find(
      (message) => message.file.includes('/unmarked/') && /Read as a Marp deck/.test(message.text),
    );
    expect(read?.line).toBe(lineOf(markdown, /^paginate:/));
    const chunks = markdown.split(/^---$/m).length - 2; // less the front matter's two fences
    expect(pagesOf('unmarked')).toHaveLength(chunks);
  });

  it('titles a slide whose heading holds a formula with the formula once', () => {
    const page = layoutOf('unmarked', 2);
    const title = page.runs
      .filter((run) => Math.abs(run.size - 27) < 0.5)
      .map((run) => run.str)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    expect(title).toBe('Satz: e ist transzendent');
    expect(pagesOf('unmarked')[1]?.flat).not.toMatch(/e\s*e\s*e/);
  });

  it('sets the headings inside a slide under its 27 pt title, each level no larger than the one above', () => {
    const page = layoutOf('unmarked', 3);
    const sizeOf = (text: string) => page.runs.find((run) => run.str === text)?.size ?? 0;
    const sizes = [
      'Outline',
      'Algebraic numbers',
      'Roots of polynomials',
      'With integer coefficients',
    ].map(sizeOf);
    expect(sizes[0]).toBeCloseTo(27, 0);
    for (let index = 1; index < sizes.length; index++) {
      expect(sizes[index]).toBeGreaterThanOrEqual(21 - 0.5);
      expect(sizes[index]).toBeLessThanOrEqual((sizes[index - 1] ?? 0) + 0.01);
      expect(sizes[index]).toBeLessThan(27);
    }
  });
});
