/**
 * Slide documents (Marp, Slidev, `slides: breaks`): one slide per `---` chunk, read back from the
 * deck PDFs the real CLI prints: slide counts, each slide's text, speaker notes from comments,
 * directives and Slidev's per-slide front matter never printed, an ordinary brief's `---` not a
 * split, and `check` agreeing with `build`. Fixtures: test/fixtures/deck/slide-documents/.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLayout, type PageLayout } from './pdf-layout.js';
import { deckFixtures, lineOf, readPages, type ReadPage } from './deck-helpers.js';
import {
  makeTempDir,
  parseReport,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
  type ReportedMessage,
} from './helpers.js';

const fixtures = join(deckFixtures, 'slide-documents');
const contentDir = join(fixtures, 'content');
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const buildTimeout = 170_000;

let out: string;
let build: CliResult;
let check: CliResult;
const decks = new Map<string, ReadPage[]>();

/** A slide's heading: its largest text (the footer and notes are smaller). */
const heading = (page: ReadPage): string => {
  const largest = Math.max(...page.items.map((item) => item.size));
  return page.items
    .filter((item) => Math.abs(item.size - largest) < 0.5)
    .map((item) => item.str)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
};

/** Everything printed above the footer. */
const body = (page: ReadPage): string =>
  page.items
    .filter((item) => item.y > 30)
    .map((item) => item.str)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The footer line: the short title (or Marp's footer) and the slide number. */
const footer = (page: ReadPage): string =>
  page.items
    .filter((item) => item.y <= 30)
    .map((item) => item.str)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

const notesOf = (page: ReadPage): string[] =>
  page.annotations
    .filter((annotation) => annotation.subtype === 'Text')
    .map((annotation) => annotation.contents.replace(/\s+/g, ' ').trim());

const messagesOf = (result: CliResult, id: string): string[] =>
  parseReport(result.stderr)
    .filter((message: ReportedMessage) => message.file.includes(`/${id}/`))
    .map((message) => `${message.line}:${message.column} ${message.text}`)
    .sort();

beforeAll(async () => {
  out = await makeTempDir('slide-documents');
  check = await runCli(['check', '--content', contentDir], { env });
  build = await runCli(
    ['build', '--content', contentDir, '--out', out, '--format', 'deck,handout', '--force'],
    { env },
  );
  for (const id of ['marp', 'slidev', 'breaks', 'ruled', 'pictures'])
    decks.set(id, await readPages(await readFile(join(out, id, 'deck.pdf'))));
}, buildTimeout);

afterAll(() => removeDir(out));

const deckOf = (id: string): ReadPage[] => {
  const pages = decks.get(id);
  if (!pages) throw new Error(`no deck for ${id}: ${build.stderr}`);
  return pages;
};

describe('check and build agree', () => {
  it('both pass, and report the same messages for every document', () => {
    expect(check.code, check.stderr).toBe(0);
    expect(build.code, build.stderr).toBe(0);
    for (const id of decks.keys()) expect(messagesOf(build, id)).toEqual(messagesOf(check, id));
  });

  it('say which documents were read as Marp and Slidev decks', () => {
    const read = parseReport(check.stderr)
      .filter((message) => /^info\s+Read as a /.test(message.text))
      .map((message) => [
        message.file.split('/').at(-2),
        /Read as a \w+ deck/.exec(message.text)?.[0],
      ]);
    expect(read.sort()).toEqual([
      ['marp', 'Read as a Marp deck'],
      ['pictures', 'Read as a Marp deck'],
      ['slidev', 'Read as a Slidev deck'],
    ]);
  });
});

describe('a Marp deck (`marp: true`)', () => {
  let markdown: string;
  beforeAll(async () => {
    markdown = await readFile(join(contentDir, 'marp', 'brief.md'), 'utf8');
  });

  it('gives one slide per `---` chunk, in order, and nothing else', () => {
    const pages = deckOf('marp');
    // Chunks counted from the source: `---` lines after the front matter, outside code.
    const afterFront = markdown.split('\n').slice(lineOf(markdown, /^footer:/) + 1);
    let fenced = false;
    const separators = afterFront.filter((line) => {
      if (line.startsWith('```')) fenced = !fenced;
      return !fenced && line === '---';
    });
    expect(separators).toHaveLength(8);
    expect(pages).toHaveLength(9);
    expect(pages.map(heading)).toEqual([
      'Night Trains Across the Plain',
      'Why now',
      'Who rides',
      'Eleven hours',
      'A bed, a window and the plain going by: that was the whole trip.',
      'The timetable rule',
      'What it costs',
      'What we ask',
      'Thank you',
    ]);
  });

  it('prints each slide as written, the `---` inside code kept, no directive shown', () => {
    const pages = deckOf('marp');
    expect(body(pages[0] as ReadPage)).toBe(
      'Night Trains Across the Plain A case for the sleeper service',
    );
    expect(body(pages[1] as ReadPage)).toBe(
      'Why now Daytime flights on the route were cut last spring Two rolling-stock leases end ' +
        'in the same year The border crossing reopened at night',
    );
    expect(body(pages[2] as ReadPage)).toBe(
      'Who rides Group Share Students 41% Families 33% Business 26%',
    );
    expect(body(pages[3] as ReadPage)).toBe('Eleven hours');
    expect(body(pages[5] as ReadPage)).toBe(
      'The timetable rule depart 21:40 from the capital --- arrive 08:55 at the coast',
    );
    // `header: Costs` (a local directive) holds from its slide on, as in Marp.
    expect(body(pages[6] as ReadPage)).toBe(
      'Costs What it costs Four sleeper cars, leased One crew change at the border Cleaning at ' +
        'both ends',
    );
    expect(body(pages[8] as ReadPage)).toBe('Costs Thank you Questions to the rail desk.');
    for (const page of pages)
      expect(page.flat).not.toMatch(/_class|lead|paginate|backgroundColor|#fffbe6|fit|<!--/);
  });

  it('sets a `<!-- fit -->` title and the `_class: lead` slide large', () => {
    const pages = deckOf('marp');
    const titleSize = (page: ReadPage) => Math.max(...page.items.map((item) => item.size));
    expect(titleSize(pages[1] as ReadPage)).toBeCloseTo(27, 0);
    expect(titleSize(pages[0] as ReadPage)).toBeGreaterThan(34);
    expect(titleSize(pages[3] as ReadPage)).toBeGreaterThan(34);
  });

  it("uses the front matter's footer, and no slide number where `_paginate: false`", () => {
    const pages = deckOf('marp');
    expect(footer(pages[0] as ReadPage)).toBe('Rail desk, February');
    pages.slice(1).forEach((page, index) => {
      expect(footer(page)).toBe(`Rail desk, February ${index + 2} / 9`);
    });
  });

  it('turns the comments that are not directives into speaker notes on their slides', () => {
    const notes = deckOf('marp').map(notesOf);
    expect(notes).toEqual([
      ['Open with the map, not the numbers.'],
      ['Pause here and ask who has taken the old overnight bus.'],
      [],
      [],
      ['A passenger wrote this in the 2019 survey; read it slowly.'],
      [],
      [],
      ['Close on the trial length: two years is the ask.'],
      [],
    ]);
  });
});

describe("Marp's background pictures (`![bg](…)`)", () => {
  it('fill the slide behind its text, or its right half with the text in the left', async () => {
    const pages = deckOf('pictures');
    expect(pages).toHaveLength(3);
    expect(pages.slice(0, 2).map(heading)).toEqual([
      'Lighthouses of the North Coast',
      'Where they stand',
    ]);
    expect(body(pages[2] as ReadPage)).toBe('');
    const layout = await readLayout(await readFile(join(out, 'pictures', 'deck.pdf')));
    const [cover, split, alone] = layout as [PageLayout, PageLayout, PageLayout];
    // `bg`: the whole 720 × 405 pt page (inside the brand's edge), under the title; a picture
    // of another shape is cropped to cover it.
    for (const page of [cover, alone]) {
      const [image] = page.images;
      expect(image?.width).toBeGreaterThan(700);
      expect(image?.height).toBeGreaterThanOrEqual(404);
    }
    expect(cover.runs.map((run) => run.str).join(' ')).toContain('Keepers, lamps');
    // `bg right 60%`: the picture in the right half, the words all left of it.
    const [picture] = split.images;
    expect(picture?.x).toBeGreaterThanOrEqual(360);
    // 60% of the half's width (355 pt inside the 10 pt edge), as Marp sizes it.
    expect(picture?.width).toBeGreaterThan(0.55 * 355);
    expect(picture?.width).toBeLessThan(0.65 * 355);
    const words = split.runs.filter((run) => run.y > 30);
    expect(words.map((run) => run.str).join(' ')).toContain('One still has a keeper');
    for (const run of words) expect(run.x + run.width).toBeLessThan(360);
  });

  it('are never printed as pictures in the flow, and a slide of a picture alone is not empty', () => {
    expect(messagesOf(check, 'pictures').filter((text) => /empty/.test(text))).toEqual([]);
    expect(deckOf('pictures')[1]?.flat).not.toMatch(/bg|60%/);
  });
});

describe('a Slidev deck', () => {
  it('gives one slide per chunk, its per-slide front matter read and never printed', () => {
    const pages = deckOf('slidev');
    expect(pages.map(heading)).toEqual([
      'Harbour Ferries',
      'The short version',
      'Routes',
      'Boats',
      'Next steps',
    ]);
    expect(body(pages[1] as ReadPage)).toBe(
      'The short version Ferries are faster than the bridge at rush hour.',
    );
    expect(body(pages[3] as ReadPage)).toBe('Boats Four boats, two of them electric.');
    for (const page of pages) expect(page.flat).not.toMatch(/layout|center|two-cols|class/);
    expect(pages.map(notesOf)).toEqual([
      [],
      [],
      ['Mention that the island route runs only in summer.'],
      [],
      [],
    ]);
  });

  it('centres the `layout: center` slide', () => {
    const [, centred, routes] = deckOf('slidev') as [ReadPage, ReadPage, ReadPage];
    const titleX = (page: ReadPage) => page.items.find((item) => item.size > 26)?.x ?? 0;
    // Left-aligned titles start at the margin; a centred one well inside the page.
    expect(titleX(routes)).toBeLessThan(80);
    expect(titleX(centred)).toBeGreaterThan(180);
  });
});

describe('a brief with `slides: breaks`', () => {
  it('gives one slide per `---` chunk, even where `---` follows a line of text', () => {
    const pages = deckOf('breaks');
    expect(pages.map(body)).toEqual([
      'Library Hours Longer evenings, shorter mornings',
      'Evenings The branches will stay open until nine on weekdays.',
      'Mornings Doors open at ten instead of eight.',
    ]);
    expect(pages.map(notesOf)).toEqual([[], [], ["Morning visits are a tenth of the day's."]]);
  });
});

describe('an ordinary brief with thematic breaks', () => {
  it('keeps its slides from its headings: `---` and `***` split nothing', () => {
    expect(deckOf('ruled').map(heading)).toEqual(['Pool Repairs', 'Agenda', 'Tiles', 'Pumps']);
  });
});

describe('the handout follows the deck', () => {
  it('imposes every slide of each slide document, three to a page', async () => {
    for (const [id, pages] of decks) {
      const handout = await readPages(await readFile(join(out, id, 'handout.pdf')));
      expect(handout.length, id).toBe(Math.ceil(pages.length / 3));
    }
  });
});

describe('a written slide that does not fit', () => {
  let failed: CliResult;
  let failedOut: string;
  beforeAll(async () => {
    failedOut = await makeTempDir('slide-documents-overflow');
    failed = await runCli(
      ['build', '--content', join(fixtures, 'overflow'), '--out', failedOut, '--format', 'deck'],
      { env },
    );
  }, buildTimeout);
  afterAll(() => removeDir(failedOut));

  it('is an error naming the line of its chunk, and nothing is written', async () => {
    const markdown = await readFile(join(fixtures, 'overflow', 'long', 'brief.md'), 'utf8');
    expect(failed.code).not.toBe(0);
    const overflow = parseReport(failed.stderr).filter((message) =>
      message.text.includes('slide-overflow'),
    );
    expect(overflow.map((message) => [message.text.split(/\s+/)[0], message.line])).toEqual([
      ['error', lineOf(markdown, /^## Every stop on the line$/)],
    ]);
    expect(overflow[0]?.text).toContain('Slide 2 “Every stop on the line” does not fit');
    await expect(access(join(failedOut, 'long', 'deck.pdf'))).rejects.toThrow();
  });
});
