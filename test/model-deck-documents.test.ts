/**
 * Decks from documents written elsewhere, read back from the PDFs the real CLI prints: slide
 * counts, each slide's text, no empty slides, type sizes measured from the PDF, and `check`
 * agreeing with `build`. Fixtures: test/fixtures/deck/documents/content/<id>/.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckFixtures, loadPdf, outlineOf, readPages, type ReadPage } from './deck-helpers.js';
import {
  makeTempDir,
  parseReport,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
  type ReportedMessage,
} from './helpers.js';

const contentDir = join(deckFixtures, 'documents', 'content');
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const buildTimeout = 170_000;

let out: string;
let build: CliResult;
let check: CliResult;
const decks = new Map<string, ReadPage[]>();

/** A slide's own text: the page without its footer ("Short title", "N / M"). */
const body = (page: ReadPage): string =>
  page.items
    .filter((item) => item.y > 30)
    .map((item) => item.str)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

const headings = (pages: readonly ReadPage[]): string[] =>
  pages.map((page) => {
    const largest = Math.max(...page.items.map((item) => item.size));
    return page.items
      .filter((item) => Math.abs(item.size - largest) < 0.5)
      .map((item) => item.str)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  });

const messagesOf = (result: CliResult, id: string): string[] =>
  parseReport(result.stderr)
    .filter((message: ReportedMessage) => message.file.includes(`/${id}/`))
    .map((message) => `${message.line}:${message.column} ${message.text}`)
    .sort();

beforeAll(async () => {
  out = await makeTempDir('deck-documents');
  check = await runCli(['check', '--content', contentDir], { env });
  build = await runCli(
    ['build', '--content', contentDir, '--out', out, '--format', 'deck,handout', '--force'],
    { env },
  );
  for (const id of [
    'wrapped',
    'memo',
    'plans',
    'chapters',
    'blocks',
    'visits/north',
    'visits/south',
  ]) {
    decks.set(id, await readPages(await readFile(join(out, id, 'deck.pdf'))));
  }
}, buildTimeout);

afterAll(() => removeDir(out));

const deckOf = (id: string): ReadPage[] => {
  const pages = decks.get(id);
  if (!pages) throw new Error(`no deck for ${id}: ${build.stderr}`);
  return pages;
};

describe('check and build agree', () => {
  it('both pass, with no flags', () => {
    expect(check.code, check.stderr).toBe(0);
    expect(build.code, build.stderr).toBe(0);
  });

  it('report the same messages for every fixture', () => {
    for (const id of decks.keys()) expect(messagesOf(build, id)).toEqual(messagesOf(check, id));
  });
});

describe('a hard-wrapped brief (soft line breaks inside sentences)', () => {
  it('leads each section slide with its whole first sentence, across the line breaks', () => {
    const pages = deckOf('wrapped');
    expect(headings(pages)).toEqual([
      'Orchard Exports in a Dry Decade',
      'Agenda',
      'Harvests',
      'Buyers abroad',
      'Water',
      'Sources',
    ]);
    expect(body(pages[2] as ReadPage)).toBe(
      'Harvests Apple shipments from the valley reached a record level in 2021, helped by a ' +
        'mild spring and new cold stores near the railhead.',
    );
    // "U.S." and "e.g." inside a wrapped sentence do not end it either.
    expect(body(pages[3] as ReadPage)).toBe(
      'Buyers abroad Most of the fruit goes to the U.S. and to Canada, where grocers pay about ' +
        '12% 1 more for fruit picked the same week.',
    );
    expect(body(pages[4] as ReadPage)).toBe(
      'Water The orchards draw on two aquifers, both falling.',
    );
  });
});

/** The text of a slide other than its heading and footer. */
const content = (page: ReadPage): string => {
  const largest = Math.max(...page.items.map((item) => item.size));
  return page.items
    .filter((item) => item.y > 30 && Math.abs(item.size - largest) >= 0.5)
    .map((item) => item.str)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
};

/** Sizes (pt, rounded to 0.1) of the text items on a slide other than its footer. */
const sizes = (page: ReadPage): number[] => [
  ...new Set(
    page.items.filter((item) => item.y > 30).map((item) => Math.round(item.size * 10) / 10),
  ),
];

describe('a memo written in H3–H5 (no H1 or H2)', () => {
  it('gives the opening text a slide, each H3 a slide and each H4 under it its own', () => {
    const pages = deckOf('memo');
    expect(headings(pages)).toEqual([
      'Memo: Winter Road Salt',
      'Agenda',
      'Overview',
      'Stocks',
      'North depot',
      'River depot',
      'Spending',
      'Requests',
    ]);
    expect(content(pages[1] as ReadPage)).toBe('1. Stocks 2. Spending 3. Requests');
    expect(content(pages[2] as ReadPage)).toBe(
      'To the roads committee, from the depot supervisors.',
    );
    expect(content(pages[3] as ReadPage)).toBe('The depots began the season with full barns.');
    expect(content(pages[4] as ReadPage)).toBe('Barn at 30% of capacity Deliveries every ten days');
    expect(content(pages[5] as ReadPage)).toBe('Barn at 12% of capacity One supplier, one truck');
    // An H5 stays inside its section: the slide shows the section's lead sentence.
    expect(content(pages[6] as ReadPage)).toBe(
      'The price per tonne rose by a fifth over last winter, mostly freight.',
    );
    expect(content(pages[7] as ReadPage)).toBe(
      '1. Order a second supplier for the river depot. 2. Move the spring tender forward by a month.',
    );
  });

  it('keeps the type as it is: titles 27 pt, body 21 pt', () => {
    // Slides after the agenda (whose entries are set a little smaller, 0.95 em).
    for (const page of deckOf('memo').slice(2)) expect(sizes(page).sort()).toEqual([21, 27]);
  });
});

describe('a plan with an `## Overview` section and a list of actions too long for one slide', () => {
  it('titles the opening text with the document, so no two slides in a row are "Overview"', () => {
    const titles = headings(deckOf('plans'));
    expect(titles.slice(0, 4)).toEqual([
      'Library Renewal Plan',
      'Agenda',
      'Library Renewal Plan',
      'Overview',
    ]);
    expect(content(deckOf('plans')[2] as ReadPage)).toMatch(/^The board asked for a plan/);
  });

  it('evens the list out over its slides, numbering on: two and two, not three and one', async () => {
    const markdown = await readFile(join(contentDir, 'plans', 'brief.md'), 'utf8');
    const items = markdown.split('\n').filter((line) => /^\d+\. /.test(line)).length;
    const pages = deckOf('plans');
    const actions = pages.filter((page) => headings([page])[0]?.startsWith('Actions'));
    expect(headings(actions)).toEqual(['Actions', 'Actions (continued)']);
    const numbers = actions.map((page) =>
      [...content(page).matchAll(/(?:^| )(\d+)\. /g)].map((match) => Number(match[1])),
    );
    expect(numbers).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(numbers.flat()).toHaveLength(items);
  });

  it('titles a sub-section with its section where another has its name, in the outline too', async () => {
    const titles = headings(deckOf('plans'));
    // "### Timing" under both parts; "### Cost" only once.
    expect(titles.filter((title) => /Timing|Cost/.test(title))).toEqual([
      'Branches: Timing',
      'Cost',
      'Staff: Timing',
    ]);
    const outline = outlineOf(await loadPdf(await readFile(join(out, 'plans', 'deck.pdf'))));
    expect(outline.map((entry) => entry.title)).toContain('Staff: Timing');
  });
});

describe('a document of 30 H1 chapters, two of them with H2 sub-sections', () => {
  let markdown: string;
  beforeAll(async () => {
    markdown = await readFile(join(contentDir, 'chapters', 'brief.md'), 'utf8');
  });
  const chaptersOf = (text: string) => [...text.matchAll(/^# (.+)$/gm)].map((match) => match[1]);

  it('lists all 30 chapters, numbered, on agenda slides that continue, none of them crowded', () => {
    const pages = deckOf('chapters');
    const agenda = pages.filter((page) => /^Agenda/.test(headings([page])[0] ?? ''));
    expect(agenda.length).toBeGreaterThan(1);
    const entries = agenda.flatMap((page) =>
      [...content(page).matchAll(/(\d+)\. ([A-Z][a-z]+)/g)].map((match) => [
        Number(match[1]),
        match[2],
      ]),
    );
    const chapters = chaptersOf(markdown);
    expect(chapters).toHaveLength(30);
    expect(entries.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      chapters.map((title, index) => [index + 1, title]),
    );
    // Evened out: no agenda slide holds more than twice another's entries.
    const counts = agenda.map((page) => [...content(page).matchAll(/\d+\. /g)].length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2 * Math.min(...counts));
    expect(
      headings(agenda)
        .slice(1)
        .every((title) => title === 'Agenda (continued)'),
    ).toBe(true);
  });

  it('gives every chapter its slide, a part divider to each chapter with sub-sections, and each sub-section its own slide', () => {
    const pages = deckOf('chapters');
    const expected: string[] = [];
    for (const line of markdown.split('\n')) {
      const chapter = /^# (.+)$/.exec(line);
      const sub = /^## (.+)$/.exec(line);
      if (chapter) expected.push(chapter[1] ?? '');
      if (sub) expected.push(sub[1] ?? '');
    }
    const shown = headings(pages)
      .filter((title) => !/^Agenda/.test(title))
      .slice(1);
    expect(shown).toEqual(expected);
    const divider = pages.find((page) => headings([page])[0] === 'Soils') as ReadPage;
    // The part label is letter-spaced: its letters come out as separate text items.
    const squeezed = (page: ReadPage) => content(page).replace(/(?<=[A-Z]) (?=[A-Z])/g, '');
    expect(squeezed(divider)).toBe('PART 1 Clay Sand');
    const lakes = pages.find((page) => headings([page])[0] === 'Lakes') as ReadPage;
    expect(squeezed(lakes)).toBe('PART 2 Deep lakes Shallow lakes');
  });

  it('leaves no slide empty', () => {
    for (const page of deckOf('chapters')) expect(content(page)).not.toBe('');
  });
});

describe('sections holding only a table, an image or code, and one holding nothing', () => {
  it('shows the table, continued on a marked slide with its header repeated, at 14 pt or more', async () => {
    const pages = deckOf('blocks');
    const markdown = await readFile(join(contentDir, 'blocks', 'brief.md'), 'utf8');
    const rows = [...markdown.matchAll(/^\| ([A-Z][a-z]+ [a-z]+) +\|/gm)].map((match) => match[1]);
    expect(rows).toHaveLength(14);
    const tables = pages.filter((page) => /^Tonnage by line/.test(headings([page])[0] ?? ''));
    expect(headings(tables)).toEqual(['Tonnage by line', 'Tonnage by line (continued)']);
    const text = tables.map(content);
    for (const slide of text) expect(slide).toMatch(/^Line Tonnes \(thousands\) Main cargo/);
    const shownRows = text.flatMap((slide) => rows.filter((row) => slide.includes(row ?? '')));
    expect(shownRows).toEqual(rows);
    for (const page of tables) {
      const body = page.items.filter((item) => item.y > 30 && item.size < 26);
      expect(Math.min(...body.map((item) => item.size))).toBeGreaterThanOrEqual(14);
    }
  });

  it('shows the code at 14 pt or more, and the picture sized to the slide', async () => {
    const pages = deckOf('blocks');
    const code = pages.find((page) => headings([page])[0] === 'Scheduling rule') as ReadPage;
    expect(content(code)).toContain('hold it at the signal and try again');
    const codeSizes = code.items.filter((item) => item.y > 30 && item.size < 26);
    expect(Math.min(...codeSizes.map((item) => item.size))).toBeGreaterThanOrEqual(14);
    // pdfimages reports each drawn image's resolution: a 320 px wide picture drawn W pt wide
    // shows at 320 / (W / 72) ppi.
    const { stdout } = await promisify(execFile)('pdfimages', [
      '-list',
      join(out, 'blocks', 'deck.pdf'),
    ]);
    const [row] = stdout.split('\n').slice(2).filter(Boolean);
    const fields = (row ?? '').trim().split(/\s+/);
    const page = Number(fields[0]);
    const [width, height, ppi] = [Number(fields[3]), Number(fields[4]), Number(fields[12])];
    expect(headings([pages[page - 1] as ReadPage])).toEqual(['The yard at dawn']);
    const drawnWidth = (width / ppi) * 72;
    const drawnHeight = (height / ppi) * 72;
    // The slide's content box is 609 × 282 pt under a one-line title.
    expect(drawnHeight).toBeGreaterThan(0.85 * 282);
    expect(drawnWidth).toBeLessThanOrEqual(609);
  });

  it('continues a derived list too long for one slide on a marked slide instead of failing', async () => {
    const markdown = await readFile(join(contentDir, 'blocks', 'brief.md'), 'utf8');
    const items = [...markdown.matchAll(/^- (.+)$/gm)].map((match) => match[1] ?? '');
    expect(items).toHaveLength(12);
    const pages = deckOf('blocks').filter((page) => /^Stations/.test(headings([page])[0] ?? ''));
    expect(pages.length).toBeGreaterThan(1);
    expect(headings(pages)).toEqual([
      'Stations',
      ...pages.slice(1).map(() => 'Stations (continued)'),
    ]);
    const text = pages.map(content).join(' ');
    expect(items.filter((item) => text.includes(item))).toEqual(items);
    for (const page of pages) expect(sizes(page).sort()).toEqual([21, 27]);
  });

  it('warns about the empty section, naming it and its line, in check and build alike', () => {
    const warning = /Section “Open questions” gives an empty slide/;
    for (const result of [check, build]) {
      const found = parseReport(result.stderr).filter((message) => warning.test(message.text));
      expect(
        found.map((message) => [message.file.endsWith('blocks/brief.md'), message.line]),
      ).toEqual([[true, 54]]);
    }
  });
});

describe('a batch brief whose headings hold `:field[…]`', () => {
  const rows = [
    { id: 'north', town: 'Kirkwall', river: 'Pentland' },
    { id: 'south', town: 'Portsmouth', river: 'Solent' },
  ];

  it("titles each row's slides, agenda and outline with that row's values", async () => {
    for (const { id, town, river } of rows) {
      const pages = deckOf(`visits/${id}`);
      const titles = [`Arriving in ${town}`, `Docks on the ${river} shore`, 'What to ask'];
      expect(headings(pages).slice(2, 5), id).toEqual(titles);
      for (const [index, title] of titles.entries())
        expect(body(pages[1] as ReadPage), id).toContain(`${index + 1}. ${title}`);
      const pdf = await loadPdf(await readFile(join(out, 'visits', id, 'deck.pdf')));
      expect(
        outlineOf(pdf)
          .map((entry) => entry.title)
          .slice(2, 5),
        id,
      ).toEqual(titles);
    }
  });
});

describe('the handout follows the deck', () => {
  it('imposes every slide of each deck, three to a page', async () => {
    for (const [id, pages] of decks) {
      const handout = await readPages(await readFile(join(out, id, 'handout.pdf')));
      expect(handout.length, id).toBe(Math.ceil(pages.length / 3));
    }
  });
});
