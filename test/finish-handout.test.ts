/**
 * handout.pdf, printed by the real CLI with Chromium: three slides a page with note lines
 * (default) or two a page with speaker notes under each (`--handout notes`), on the brief's
 * paper, with the deck's own pages imposed as vector graphics (text stays text, no images).
 * `--format handout` alone builds the deck in memory only.
 *
 * Expected slides are counted from each fixture's Markdown (test/deck-helpers.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deckFixtures,
  defaultContent,
  expectedDeck,
  hasImageXObject,
  loadPdf,
  readFixtureBrief,
  readPages,
  type ExpectedDeck,
  type PlacedText,
  type ReadPage,
} from './deck-helpers.js';
import {
  copyFixture,
  listFiles,
  makeTempDir,
  normalizeSpace,
  pdfFonts,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const buildTimeout = 120_000;
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };

interface HandoutCase {
  id: string;
  contentDir: string;
  paper: { width: number; height: number };
  dateText: string;
}

const letter = { width: 612, height: 792 };
const a4 = { width: 595.28, height: 841.89 };

const lineCases: HandoutCase[] = [
  {
    id: 'harbor',
    contentDir: join(deckFixtures, 'structure', 'content'),
    paper: letter,
    dateText: 'March 2, 2026',
  },
  { id: 'mexico-us', contentDir: defaultContent, paper: letter, dateText: 'November 25, 2026' },
  {
    id: 'rivers',
    contentDir: join(deckFixtures, 'a4', 'content'),
    paper: a4,
    dateText: 'May 4, 2026',
  },
];
const notesCases = lineCases.filter((handoutCase) => handoutCase.id !== 'rivers');

interface Reading {
  expected: ExpectedDeck;
  pdf: PDFDocument;
  bytes: Uint8Array;
  pages: ReadPage[];
}

async function readHandout(out: string, handoutCase: HandoutCase): Promise<Reading> {
  const { markdown, stats } = await readFixtureBrief(handoutCase.contentDir, handoutCase.id);
  const bytes = new Uint8Array(await readFile(join(out, handoutCase.id, 'handout.pdf')));
  return {
    expected: expectedDeck(markdown, stats),
    pdf: await loadPdf(bytes),
    bytes,
    pages: await readPages(bytes),
  };
}

/**
 * The imposed heading of a slide: the largest text on the page that starts it (a long heading
 * wraps, so its first line is enough). The handout's own header repeats the deck title in small
 * type, and the agenda repeats section titles in smaller type, so the largest match is the slide's.
 */
function headingItem(page: ReadPage | undefined, title: string): PlacedText | undefined {
  const wanted = normalizeSpace(title);
  return (page?.items ?? [])
    .filter((item) => {
      const text = normalizeSpace(item.str);
      return text.length >= Math.min(wanted.length, 10) && wanted.startsWith(text);
    })
    .sort((a, b) => b.size - a.size)[0];
}

/** The slide's own "N / M" footer, imposed with it: the bottom edge of that slide. */
function numberItem(page: ReadPage | undefined, number: number, total: number) {
  return page?.items.find((item) => normalizeSpace(item.str) === `${number} / ${total}`);
}

describe('handouts (--format handout)', () => {
  let work: string;
  let lines: CliResult;
  let notes: CliResult;

  beforeAll(async () => {
    work = await makeTempDir('handout');
    for (const { id, contentDir } of lineCases)
      await copyFixture(join(contentDir, id), join(work, 'content', id));
    const build = (ids: readonly HandoutCase[], out: string, ...flags: string[]) =>
      runCli(
        [
          'build',
          ...ids.map(({ id }) => id),
          '--content',
          join(work, 'content'),
          '--out',
          join(work, out),
          '--format',
          'handout',
          ...flags,
        ],
        { env },
      );
    [lines, notes] = await Promise.all([
      build(lineCases, 'lines'),
      build(notesCases, 'notes', '--handout', 'notes'),
    ]);
  }, buildTimeout);
  afterAll(() => removeDir(work));

  it('writes handout.pdf alone: no deck.pdf, no brief.pdf', async () => {
    expect(lines.code, lines.stderr).toBe(0);
    expect(notes.code, notes.stderr).toBe(0);
    expect(await listFiles(join(work, 'lines'))).toEqual([
      'harbor/handout.pdf',
      'manifest.json',
      'mexico-us/handout.pdf',
      'rivers/handout.pdf',
    ]);
    expect(await listFiles(join(work, 'notes'))).toEqual([
      'harbor/handout.pdf',
      'manifest.json',
      'mexico-us/handout.pdf',
    ]);
  });

  describe.each(lineCases)('lines layout (default): $id', (handoutCase) => {
    let reading: Reading;
    const perPage = 3;

    beforeAll(async () => {
      reading = await readHandout(join(work, 'lines'), handoutCase);
    });

    it('has ceil(slides / 3) pages', () => {
      expect(reading.expected.slides.length).toBeGreaterThan(perPage);
      expect(reading.pdf.getPageCount()).toBe(Math.ceil(reading.expected.slides.length / 3));
    });

    it('prints on the brief’s paper size', () => {
      for (const page of reading.pdf.getPages()) {
        const { width, height } = page.getSize();
        expect(Math.abs(width - handoutCase.paper.width)).toBeLessThan(1);
        expect(Math.abs(height - handoutCase.paper.height)).toBeLessThan(1);
      }
    });

    it('has each slide’s heading and number as text on its page (vector, not pictures)', () => {
      const total = reading.expected.slides.length;
      reading.expected.slides.forEach((slide, index) => {
        const page = reading.pages[Math.floor(index / perPage)];
        const label = `slide ${index + 1} “${slide.title}”`;
        expect(headingItem(page, slide.title), label).toBeDefined();
        expect(page?.flat, label).toContain(normalizeSpace(slide.title));
        if (index > 0) expect(numberItem(page, index + 1, total), label).toBeDefined();
      });
      expect(hasImageXObject(reading.pdf)).toBe(false);
    });

    it('keeps the slides’ fonts: only Source Serif 4 and Source Sans 3, embedded', async () => {
      const fonts = await pdfFonts(reading.bytes);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.name).toMatch(/^(SourceSerif4|SourceSans3)/);
        expect(font.embedded, font.baseFont).toBe(true);
      }
    });

    it('puts the slides down the left of the page', () => {
      const width = handoutCase.paper.width;
      reading.expected.slides.forEach((slide, index) => {
        const item = headingItem(reading.pages[Math.floor(index / perPage)], slide.title);
        expect(item?.x, slide.title).toBeLessThan(width * 0.35);
      });
    });

    it('has the title and date in the header and “Page N of M” in the footer', () => {
      const total = reading.pages.length;
      reading.pages.forEach((page, index) => {
        const strings = page.items.map((item) => normalizeSpace(item.str));
        expect(strings, `page ${index + 1}`).toContain(normalizeSpace(reading.expected.title));
        expect(strings, `page ${index + 1}`).toContain(handoutCase.dateText);
        expect(strings, `page ${index + 1}`).toContain(`Page ${index + 1} of ${total}`);
      });
    });
  });

  it('puts the title slide and the trade big number on the right pages of the default brief', async () => {
    const { expected, pages } = await readHandout(join(work, 'lines'), lineCases[1] as HandoutCase);
    const figure = expected.slides.findIndex(
      (slide) => slide.title === 'US–Mexico goods trade, 2021',
    );
    expect(figure).toBeGreaterThan(2);
    const onPage = pages.findIndex((page) =>
      page.items.some((item) => item.str.trim() === '$661.2 billion' && item.size > 12),
    );
    expect(onPage).toBe(Math.floor(figure / 3));
    expect(pages[0]?.flat).toContain('Mexico–United States Relations: Trade, Migration');
    expect(pages[0]?.flat).toContain('Briefkit Institute for North American Affairs');
  });

  describe.each(notesCases)('notes layout (--handout notes): $id', (handoutCase) => {
    let reading: Reading;
    const perPage = 2;

    beforeAll(async () => {
      reading = await readHandout(join(work, 'notes'), handoutCase);
    });

    it('has ceil(slides / 2) pages on the brief’s paper', () => {
      expect(reading.pdf.getPageCount()).toBe(Math.ceil(reading.expected.slides.length / 2));
      for (const page of reading.pdf.getPages()) {
        const { width, height } = page.getSize();
        expect(Math.abs(width - handoutCase.paper.width)).toBeLessThan(1);
        expect(Math.abs(height - handoutCase.paper.height)).toBeLessThan(1);
      }
      expect(hasImageXObject(reading.pdf)).toBe(false);
    });

    it('has each slide’s heading on its page', () => {
      reading.expected.slides.forEach((slide, index) => {
        const page = reading.pages[Math.floor(index / perPage)];
        expect(headingItem(page, slide.title), `slide ${index + 1}`).toBeDefined();
      });
    });

    it('prints each slide’s notes on its page, under that slide and above the next', () => {
      const { slides } = reading.expected;
      const total = slides.length;
      const withNotes = slides.flatMap((slide, index) =>
        slide.notes === undefined ? [] : [{ slide, index, notes: slide.notes }],
      );
      expect(withNotes.length).toBeGreaterThan(1);
      for (const { slide, index, notes } of withNotes) {
        const pageIndex = Math.floor(index / perPage);
        const page = reading.pages[pageIndex];
        const label = `slide ${index + 1} “${slide.title}”`;
        // The whole text is there, on this page and no other.
        expect(page?.flat, label).toContain(notes);
        reading.pages.forEach((other, otherIndex) => {
          if (otherIndex !== pageIndex) expect(other.flat, label).not.toContain(notes);
        });
        const start = page?.items.find((item) => {
          const text = normalizeSpace(item.str);
          return text.length >= 20 && notes.startsWith(text);
        });
        const heading = headingItem(page, slide.title);
        const bottom = numberItem(page, index + 1, total);
        expect(start, `${label}: first line of notes`).toBeDefined();
        expect(heading, `${label}: heading`).toBeDefined();
        expect(bottom, `${label}: slide number`).toBeDefined();
        // PDF y grows upwards: heading, then the slide's bottom edge, then the notes.
        expect(bottom?.y ?? 0, label).toBeLessThan(heading?.y ?? 0);
        expect(start?.y ?? Infinity, label).toBeLessThan(bottom?.y ?? 0);
        const next = slides[index + 1];
        if (index % perPage < perPage - 1 && next) {
          const nextHeading = headingItem(page, next.title);
          expect(nextHeading, `${label}: next slide’s heading`).toBeDefined();
          expect(start?.y ?? -Infinity, label).toBeGreaterThan(nextHeading?.y ?? Infinity);
        }
      }
    });
  });
});
