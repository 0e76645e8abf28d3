/**
 * deck.pdf as a presenter and a PDF viewer see it, printed by the real CLI with Chromium: slide
 * count and order, 16:9 pages, the text of named slides on the right page, slide numbers,
 * outline, metadata, speaker-note annotations and fonts. Then overflow (fail, or warn with
 * --allow-overflow; shrink when it nearly fits). A deck's bad input that must stop the build
 * before anything is overwritten is one of the error cases (test/parse-errors.test.ts, `deck-*`).
 *
 * Expected slides are counted from each fixture's Markdown (test/deck-helpers.ts), never taken
 * from the code under test.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deckFixtures,
  defaultContent,
  expectedDeck,
  lineOf,
  loadPdf,
  outlineOf,
  readFixtureBrief,
  readPages,
  type ExpectedDeck,
  type ReadPage,
} from './deck-helpers.js';
import {
  copyFixture,
  listFiles,
  makeTempDir,
  normalizeSpace,
  parseReport,
  pdfFonts,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
  type ReportedMessage,
} from './helpers.js';

const buildTimeout = 120_000;
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };

/** Slides a test names, and text that must be on them (or on the page after one). */
interface DeckCase {
  id: string;
  /** Where the brief comes from: a deck fixture's content folder, or the default content. */
  contentDir: string;
  /** The slide count worked out by hand, for fixtures that do not change under us. */
  slides?: number;
  author: string;
  shortTitle: string;
  /** Text of the title slide besides the title. */
  titleSlide: string[];
  /** `text` must be on the slide right after the one headed `after` (its big-number slide). */
  after: { after: string; text: string[] }[];
  /** Text a slide headed `title` shows, and text it must not show. */
  shows: { title: string; text: string[]; not?: string[] }[];
}

const cases: DeckCase[] = [
  {
    id: 'harbor',
    contentDir: join(deckFixtures, 'structure', 'content'),
    slides: 13,
    author: 'Deck Fixture Desk',
    shortTitle: 'Harbor Futures',
    titleSlide: [
      'What a growing port asks of its city',
      'Fixture Institute for Port Studies',
      'March 2, 2026',
    ],
    after: [
      {
        after: 'Cargo and ships',
        text: ['48.2 million tonnes', 'Source: Harbor Port Authority, Annual Cargo Report'],
      },
      { after: 'Power supply', text: ['92%', 'Source: Coastal Grid Operator'] },
      { after: 'Peak load on the quayside grid', text: ['64 megawatts'] },
    ],
    shows: [
      {
        title: 'Port context',
        text: ['The harbor has grown every year for a decade.'],
        not: ['It now handles', 'Quayside cranes'],
      },
      {
        title: 'Cargo and ships',
        text: ['Container traffic reached 1.3 million TEU', 'Cruise calls recovered'],
        not: ['Cargo volumes rose', 'Second list item'],
      },
      { title: 'Power supply', text: ['Shore power planned: 64 megawatts'], not: ['New berths'] },
      {
        title: 'What to do',
        text: ['1. Electrify the berths.', '2. Reinforce the grid.', '3. Train the workforce.'],
      },
    ],
  },
  {
    id: 'mexico-us',
    contentDir: defaultContent,
    author: 'Briefkit Policy Desk',
    shortTitle: 'Mexico–US Relations',
    titleSlide: [
      'How two deeply integrated neighbors manage commerce, people and shared water',
      'Briefkit Institute for North American Affairs',
      'November 25, 2026',
    ],
    after: [
      // Big-number and chart slides follow their section in the order they are written.
      {
        after: "Where Mexico's exports went, 2021",
        text: ['$661.2 billion', 'Source: U.S. Census Bureau, Foreign Trade Division'],
      },
      { after: 'Mexican-born share of all US immigrants, 2022', text: ['1.7 million'] },
      { after: 'Water cooperation', text: ['1.5 million acre-feet'] },
    ],
    shows: [
      { title: 'Background', text: ['1846–48 war: nearly half of territory lost'] },
      { title: 'Recommendations', text: ['4. Adopt a successor to Minute 323 without delay.'] },
    ],
  },
];

describe('deck.pdf of a fixture and of the default content (--format deck)', () => {
  let work: string;
  let result: CliResult;

  beforeAll(async () => {
    work = await makeTempDir('deck');
    for (const { id, contentDir } of cases)
      await copyFixture(join(contentDir, id), join(work, 'content', id));
    result = await runCli(
      [
        'build',
        ...cases.map(({ id }) => id),
        '--content',
        join(work, 'content'),
        '--out',
        join(work, 'out'),
        '--format',
        'deck',
      ],
      { env },
    );
  }, buildTimeout);
  afterAll(() => removeDir(work));

  it('builds, writing deck.pdf and nothing else', async () => {
    expect(result.code, result.stderr).toBe(0);
    expect(await listFiles(join(work, 'out'))).toEqual([
      'harbor/deck.pdf',
      'manifest.json',
      'mexico-us/deck.pdf',
    ]);
  });

  describe.each(cases)('$id', (deckCase) => {
    let expected: ExpectedDeck;
    let bytes: Uint8Array;
    let pdf: PDFDocument;
    let pages: ReadPage[];
    const pageOf = (title: string): number => {
      const index = expected.slides.findIndex((slide) => slide.title === title);
      if (index < 0) throw new Error(`no expected slide titled ${title}`);
      return index;
    };

    beforeAll(async () => {
      const { markdown, stats } = await readFixtureBrief(deckCase.contentDir, deckCase.id);
      expected = expectedDeck(markdown, stats);
      bytes = new Uint8Array(await readFile(join(work, 'out', deckCase.id, 'deck.pdf')));
      pdf = await loadPdf(bytes);
      pages = await readPages(bytes);
    });

    it('has one page per slide: title + agenda + sections + key figures + recommendations + sources', () => {
      // The count from the Markdown is itself checked against a number worked out by hand.
      if (deckCase.slides !== undefined) expect(expected.slides).toHaveLength(deckCase.slides);
      expect(pdf.getPageCount()).toBe(expected.slides.length);
      expect(pages).toHaveLength(expected.slides.length);
    });

    it('prints every page at 16:9, 10 × 5.625 in (720 × 405 pt)', () => {
      for (const page of pdf.getPages()) {
        const { width, height } = page.getSize();
        expect(width).toBeCloseTo(720, 0);
        expect(Math.abs(height - 405)).toBeLessThan(1);
        expect(Math.abs(width / height - 16 / 9)).toBeLessThan(0.005);
      }
    });

    it('heads each page with its slide heading, in order', () => {
      expect(pages[0]?.flat).toContain(normalizeSpace(expected.title));
      const headings = pages.slice(1).map((page, index) => {
        const title = normalizeSpace(expected.slides[index + 1]?.title ?? '');
        return page.flat.startsWith(title) ? title : page.flat.slice(0, 60);
      });
      expect(headings).toEqual(expected.slides.slice(1).map((slide) => slide.title));
    });

    it('shows title, subtitle, organization and date on the title slide', () => {
      for (const text of deckCase.titleSlide) expect(pages[0]?.flat).toContain(text);
    });

    it('lists every section title, numbered in order, on the agenda', () => {
      const agenda = pages[pageOf('Agenda')]?.flat ?? '';
      expect(expected.sectionTitles.length).toBeGreaterThan(1);
      for (const [index, title] of expected.sectionTitles.entries())
        expect(agenda).toContain(`${index + 1}. ${title}`);
    });

    it('prints every list number whole, two-digit ones included, clear of the brand edge', () => {
      const markers = pages
        .filter((page) => /^(Agenda|Sources)/.test(page.flat))
        .flatMap((page) => page.items.filter((item) => /^\d+\.$/.test(item.str.trim())));
      expect(markers.length).toBeGreaterThan(0);
      // The brand's band takes the first 10 pt; "11." used to start under it, read as "1.".
      for (const marker of markers) expect(marker.x, marker.str).toBeGreaterThan(20);
      const numbers = markers.map((marker) => Number.parseInt(marker.str, 10));
      if (deckCase.id === 'mexico-us')
        expect(numbers).toEqual(expect.arrayContaining([10, 11, 12]));
    });

    it('puts each big number on the page right after its section slide', () => {
      for (const { after, text } of deckCase.after) {
        const page = pages[pageOf(after) + 1]?.flat ?? '';
        for (const snippet of text) expect(page, `page after “${after}”`).toContain(snippet);
      }
    });

    it('shows each named slide’s content on its own page', () => {
      for (const { title, text, not = [] } of deckCase.shows) {
        const page = pages[pageOf(title)]?.flat ?? '';
        for (const snippet of text) expect(page, `slide “${title}”`).toContain(snippet);
        for (const snippet of not) expect(page, `slide “${title}”`).not.toContain(snippet);
      }
    });

    it('lists the cited publishers on the sources slides, five to a slide', () => {
      const sourcePages = expected.slides
        .map((slide, index) => ({ slide, page: pages[index]?.flat ?? '' }))
        .filter(({ slide }) => slide.kind === 'sources')
        .map(({ page }) => page);
      // A publisher may stand behind several sources: count its entries on each page.
      const publishers = [...new Set(expected.publishers)];
      const counts = sourcePages.map((page) =>
        publishers.reduce((sum, publisher) => sum + page.split(publisher).length - 1, 0),
      );
      const total = expected.publishers.length;
      expect(counts).toEqual(sourcePages.map((_, index) => Math.min(5, total - index * 5)));
      const all = sourcePages.join(' ');
      for (const publisher of expected.publishers) expect(all).toContain(publisher);
    });

    it('numbers every slide but the first “N / M”, with the short title beside it', () => {
      const total = expected.slides.length;
      const numbering = /^\d+ \/ \d+$/;
      expect(pages[0]?.items.filter((item) => numbering.test(item.str.trim()))).toEqual([]);
      pages.slice(1).forEach((page, index) => {
        const strings = page.items.map((item) => normalizeSpace(item.str));
        expect(strings, `page ${index + 2}`).toContain(`${index + 2} / ${total}`);
        expect(strings, `page ${index + 2}`).toContain(deckCase.shortTitle);
      });
    });

    it('has one outline entry per slide, titled with its heading and pointing at its page', () => {
      const outline = outlineOf(pdf);
      expect(outline.map((entry) => entry.title)).toEqual(
        expected.slides.map((slide) => slide.title),
      );
      expect(outline.map((entry) => entry.page)).toEqual(expected.slides.map((_, index) => index));
    });

    it('carries the brief’s metadata and the release date', () => {
      expect(pdf.getTitle()).toBe(expected.title);
      expect(pdf.getAuthor()).toBe(deckCase.author);
      expect(pdf.getCreator()).toMatch(/^briefkit \d+\.\d+\.\d+/);
      expect(pdf.getCreationDate()?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
      expect(pdf.getModificationDate()?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    });

    it('keeps speaker notes as a closed, non-printing text annotation on their slide only', () => {
      expect(expected.slides.filter((slide) => slide.notes).length).toBeGreaterThan(1);
      expected.slides.forEach((slide, index) => {
        const notes = (pages[index]?.annotations ?? []).filter(
          (annotation) => annotation.subtype === 'Text',
        );
        const label = `slide ${index + 1} “${slide.title}”`;
        if (slide.notes === undefined) {
          expect(notes, label).toEqual([]);
        } else {
          expect(notes, label).toHaveLength(1);
          expect(normalizeSpace(notes[0]?.contents ?? ''), label).toContain(slide.notes);
          // Annotation flag bit 3 (4) is Print: viewers show the note, printers skip it.
          expect((notes[0]?.flags ?? 0) & 4, label).toBe(0);
        }
      });
    });

    it('embeds only Source Serif 4 and Source Sans 3', async () => {
      const fonts = await pdfFonts(bytes);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        // Chromium names some instances after their axis range, e.g. SourceSans3ExtraLight-SemiBold.
        expect(font.name).toMatch(/^(SourceSerif4|SourceSans3)/);
        expect(font.embedded, font.baseFont).toBe(true);
      }
      const families = new Set(fonts.map((font) => /^Source(Serif4|Sans3)/.exec(font.name)?.[0]));
      expect([...families].sort()).toEqual(['SourceSans3', 'SourceSerif4']);
    });
  });
});

describe('a slide that overflows (12 long bullets in one :::slide)', () => {
  const id = 'overlong';
  const fixture = join(deckFixtures, 'overflow', 'content');
  const earlier = new TextEncoder().encode('%PDF-1.7 earlier deck, must survive a failed build\n');
  const earlierManifest = '{ "files": [] }\n';
  let work: string;
  let failed: CliResult;
  let allowed: CliResult;
  let markdown: string;
  let slideNumber: number;

  beforeAll(async () => {
    work = await makeTempDir('overflow');
    await copyFixture(join(fixture, id), join(work, 'content', id));
    await mkdir(join(work, 'out', id), { recursive: true });
    await writeFile(join(work, 'out', id, 'deck.pdf'), earlier);
    await writeFile(join(work, 'out', 'manifest.json'), earlierManifest);
    const brief = await readFixtureBrief(fixture, id);
    markdown = brief.markdown;
    slideNumber =
      expectedDeck(brief.markdown, brief.stats).slides.findIndex(
        (slide) => slide.title === 'Too much to say',
      ) + 1;
    // Run from the temp folder so messages name `content/overlong/brief.md`.
    const build = (out: string, ...flags: string[]) =>
      runCli(['build', id, '--content', 'content', '--out', out, ...flags], { cwd: work, env });
    [failed, allowed] = await Promise.all([build('out'), build('out-allowed', '--allow-overflow')]);
  }, buildTimeout);
  afterAll(() => removeDir(work));

  const overflowMessages = (stderr: string): ReportedMessage[] =>
    parseReport(stderr).filter((message) => message.text.includes('slide-overflow'));

  it('fails with exit code 1', () => {
    expect(slideNumber).toBe(4);
    expect(failed.code, failed.stderr).toBe(1);
    expect(failed.stderr).not.toMatch(/\n\s+at /); // a report, not a stack trace
  });

  it('names the slide number, its title and the line of its :::slide block in brief.md', () => {
    const heading = lineOf(markdown, /^## Too much to say$/);
    const block = heading + lineOf(markdown.split('\n').slice(heading).join('\n'), /^:::slide$/);
    const messages = overflowMessages(failed.stderr);
    expect(messages, failed.stderr).toHaveLength(1);
    const [message] = messages;
    expect(message?.file).toBe('content/overlong/brief.md');
    expect(`${message?.line}:${message?.column}`).toBe(`${block}:1`);
    expect(message?.text).toMatch(/^error\s/);
    expect(message?.text).toContain(`Slide ${slideNumber} “Too much to say”`);
    expect(message?.text).toContain(`\`:::slide\` block at line ${block}`);
  });

  it('writes no PDF and keeps the earlier files byte for byte', async () => {
    expect(await listFiles(join(work, 'out'))).toEqual(['manifest.json', `${id}/deck.pdf`]);
    expect(new Uint8Array(await readFile(join(work, 'out', id, 'deck.pdf')))).toEqual(earlier);
    expect(await readFile(join(work, 'out', 'manifest.json'), 'utf8')).toBe(earlierManifest);
  });

  it('with --allow-overflow, builds every output and warns with the same message', async () => {
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(await listFiles(join(work, 'out-allowed'))).toEqual([
      'manifest.json',
      `${id}/brief.html`,
      `${id}/brief.pdf`,
      `${id}/deck.pdf`,
      `${id}/deck.pptx`,
      `${id}/handout.pdf`,
    ]);
    const [error] = overflowMessages(failed.stderr);
    const warnings = overflowMessages(allowed.stderr);
    expect(warnings, allowed.stderr).toHaveLength(1);
    const [warning] = warnings;
    expect(warning?.text).toMatch(/^warning\s/);
    const place = (message: ReportedMessage | undefined) =>
      `${message?.file}:${message?.line}:${message?.column}`;
    expect(place(warning)).toBe(place(error));
    const reason = (message: ReportedMessage | undefined) =>
      message?.text.replace(/^(error|warning)\s+/, '');
    expect(reason(warning)).toBe(reason(error));
  });

  it('with --allow-overflow, first shrinks the slide’s type to the 80% floor', async () => {
    const bytes = new Uint8Array(await readFile(join(work, 'out-allowed', id, 'deck.pdf')));
    const page = (await readPages(bytes))[slideNumber - 1];
    const bullet = page?.items.find((item) => item.str.startsWith('Household incomes rose'));
    expect(bullet?.size).toBeCloseTo(21 * 0.8, 1);
  });
});

describe('a slide that only slightly overflows (8 one-line bullets)', () => {
  const id = 'snug';
  const fixture = join(deckFixtures, 'shrink', 'content');
  let work: string;
  let result: CliResult;
  let pages: ReadPage[];

  beforeAll(async () => {
    work = await makeTempDir('shrink');
    await copyFixture(join(fixture, id), join(work, 'content', id));
    result = await runCli(
      ['build', id, '--content', join(work, 'content'), '--out', join(work, 'out')],
      { env },
    );
    if (result.code === 0)
      pages = await readPages(new Uint8Array(await readFile(join(work, 'out', id, 'deck.pdf'))));
  }, buildTimeout);
  afterAll(() => removeDir(work));

  it('builds without an error or a warning', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/overflow|warning|error/);
  });

  it('shrinks its type within the floor while other slides keep the base size', async () => {
    const { markdown, stats } = await readFixtureBrief(fixture, id);
    const slides = expectedDeck(markdown, stats).slides;
    const normal = pages[slides.findIndex((slide) => slide.title === 'Opening')];
    const snug = pages[slides.findIndex((slide) => slide.title === 'Nearly full')];
    const bodySize = (page: ReadPage | undefined, start: string) =>
      page?.items.find((item) => item.str.startsWith(start))?.size ?? 0;
    expect(bodySize(normal, 'Short point one')).toBeCloseTo(21, 1);
    const shrunk = bodySize(snug, 'Bus fares rose');
    expect(shrunk).toBeLessThan(21 - 0.5);
    expect(shrunk).toBeGreaterThanOrEqual(21 * 0.8 - 0.01);
  });

  it('shows every bullet, the last one above the slide footer', () => {
    const snug = pages.find((page) => page.flat.startsWith('Nearly full'));
    const bullets = [
      'Bus fares rose in most regional networks',
      'Rail ridership recovered to its 2019 level',
      'Ferry routes were cut on the northern coast',
      'Cycle lanes doubled in the three largest cities',
      'Road deaths fell for the fourth year running',
      'Freight moved from trucks to rail in the west',
      'Airport traffic grew faster than expected',
      'Parking charges funded new bus shelters',
    ];
    for (const bullet of bullets) expect(snug?.flat).toContain(bullet);
    const last = snug?.items.find((item) => item.str.startsWith('Parking charges'));
    const footer = snug?.items.find((item) => /^\d+ \/ \d+$/.test(item.str.trim()));
    expect(last && footer && last.y - footer.y).toBeGreaterThan(15);
  });
});

/**
 * The title slide's box grows with its content, so measuring it never finds overflow; the slide
 * itself clips. A title and subtitle too long for the page must be reported like any other slide.
 */
describe('a title slide whose title and subtitle cannot fit', () => {
  const id = 'longtitle';
  let work: string;
  let failed: CliResult;
  let allowed: CliResult;

  beforeAll(async () => {
    work = await makeTempDir('long-title');
    await copyFixture(join(deckFixtures, 'long-title', 'content', id), join(work, 'content', id));
    const build = (out: string, ...flags: string[]) =>
      runCli(['build', id, '--content', 'content', '--out', out, '--format', 'deck', ...flags], {
        cwd: work,
        env,
      });
    [failed, allowed] = await Promise.all([build('out'), build('out-allowed', '--allow-overflow')]);
  }, buildTimeout);
  afterAll(() => removeDir(work));

  it('is reported as slide 1 overflowing, not clipped silently', async () => {
    const messages = parseReport(failed.stderr).filter((message) =>
      message.text.includes('slide-overflow'),
    );
    expect(
      messages.map((message) => message.text.includes('Slide 1 “A Very Long Title About')),
      failed.stderr,
    ).toEqual([true]);
    expect(failed.code).toBe(1);
    expect(await listFiles(join(work, 'out'))).toEqual([]);
  });

  it('keeps each slide number “N / M” on one line when the footer carries a long title', async () => {
    expect(allowed.code, allowed.stderr).toBe(0);
    const pages = await readPages(
      new Uint8Array(await readFile(join(work, 'out-allowed', id, 'deck.pdf'))),
    );
    pages.slice(1).forEach((page, index) => {
      const strings = page.items.map((item) => normalizeSpace(item.str));
      expect(strings, `page ${index + 2}`).toContain(`${index + 2} / ${pages.length}`);
    });
  });
});
