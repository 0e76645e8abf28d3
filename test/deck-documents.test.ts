/**
 * Decks from documents written elsewhere, read back from the PDFs the real CLI prints: slide
 * counts, each slide's text, no empty slides, type sizes measured from the PDF, and `check`
 * agreeing with `build`. Fixtures: test/fixtures/deck/documents/content/<id>/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckFixtures, readPages, type ReadPage } from './deck-helpers.js';
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
  for (const id of ['wrapped']) {
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
