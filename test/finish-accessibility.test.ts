/**
 * The PDFs as an accessibility checker reads them: the machine-decidable PDF/UA-1 conditions
 * (Matterhorn Protocol numbers in each assertion) on brief, deck and handout of the default content
 * and of the test corpus, plus what a screen-reader user meets: bookmarks shown on opening, links
 * that say where they go, footnotes with their way back, and the handout's slides in order.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContent } from './deck-helpers.js';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  removeDir,
  runCli,
  sourceDateEpoch,
} from './helpers.js';
import { allNodes, readAccessibility, type AccessibilityReading } from './pdf-accessibility.js';

const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const corpusIds = ['github-readme', 'wide', 'lab-notes'];
const kinds = ['brief', 'deck', 'handout'] as const;

let temp: string;
const readings = new Map<string, AccessibilityReading>();

beforeAll(async () => {
  temp = await makeTempDir('pdf-a11y');
  const defaults = await runCli(
    [
      'build',
      'mexico-us',
      '--content',
      defaultContent,
      '--out',
      join(temp, 'default'),
      '--format',
      'brief,deck,handout',
    ],
    { env },
  );
  expect(defaults.code, defaults.stderr).toBe(0);
  for (const id of corpusIds)
    await copyFixture(join(fixturesDir, 'corpus', 'content', id), join(temp, 'content', id));
  const corpus = await runCli(
    [
      'build',
      '--content',
      join(temp, 'content'),
      '--out',
      join(temp, 'corpus'),
      '--format',
      'brief,deck,handout',
    ],
    { env },
  );
  expect(corpus.code, corpus.stderr).toBe(0);
  for (const [set, ids] of [
    ['default', ['mexico-us']],
    ['corpus', corpusIds],
  ] as const)
    for (const id of ids)
      for (const kind of kinds) {
        const bytes = await readFile(join(temp, set, id, `${kind}.pdf`));
        readings.set(`${id}/${kind}.pdf`, await readAccessibility(bytes));
      }
}, 300_000);

afterAll(() => removeDir(temp));

const reading = (name: string): AccessibilityReading => {
  const found = readings.get(name);
  if (!found) throw new Error(`${name} was not built`);
  return found;
};

describe('every PDF passes the machine-checkable PDF/UA rules', () => {
  const names = [
    ...kinds.map((kind) => `mexico-us/${kind}.pdf`),
    ...corpusIds.flatMap((id) => kinds.map((kind) => `${id}/${kind}.pdf`)),
  ];

  it.each(names)('%s', (name) => {
    const pdf = reading(name);
    const nodes = pdf.trees.flatMap((tree) => allNodes([tree]));
    const failures: string[] = [];
    const fail = (rule: string, detail: string) => failures.push(`${rule}: ${detail}`);

    if (!pdf.xmp) fail('06-001 (XMP metadata)', 'no metadata packet');
    else if (!pdf.xmp.title) fail('06-003 (dc:title in XMP)', 'no dc:title');
    if (!pdf.lang) fail('11-006 (natural language)', 'no /Lang in the catalog');
    if (pdf.xmp && !JSON.stringify(pdf.xmp.language ?? '').includes(pdf.lang ?? '?'))
      fail('XMP dc:language', `${JSON.stringify(pdf.xmp.language)} is not ${pdf.lang}`);
    if (!pdf.displayDocTitle) fail('07-002 (DisplayDocTitle)', 'the window shows the file name');
    if (nodes.length === 0) fail('01-001 (tagged)', 'no structure tree');
    pdf.unmarked.forEach((count, page) => {
      if (count > 0)
        fail('01-005 (content neither tagged nor artifact)', `${count} on page ${page + 1}`);
    });
    for (const figure of nodes.filter((node) => node.role === 'Figure'))
      if (!figure.alt?.trim()) fail('13-004 (Figure without alternative text)', 'a Figure');
    const tagged = new Set(
      nodes.filter((node) => node.role === 'Link').flatMap((n) => n.annotations),
    );
    for (const link of pdf.links) {
      if (!link.contents.trim())
        fail('28-011 (link without Contents)', `page ${link.page}: ${link.url ?? link.dest}`);
      if (!tagged.has(link.id))
        fail(
          '28-008 (link annotation not in a Link tag)',
          `page ${link.page}: ${link.url ?? link.dest}`,
        );
    }
    for (const table of nodes.filter((node) => node.role === 'Table'))
      if (!allNodes(table.children).some((node) => node.role === 'TH'))
        fail('15-003 (table without header cells)', 'a Table');
    expect(failures).toEqual([]);
  });
});

describe('what a screen-reader user meets in the default brief', () => {
  it('opens with its bookmarks shown', () => {
    expect(reading('mexico-us/brief.pdf').pageMode).toBe('UseOutlines');
  });

  it('names the document and its language in the XMP packet, with the build date', () => {
    const pdf = reading('mexico-us/brief.pdf');
    expect(pdf.xmp?.title).toBe(
      'Mexico–United States Relations: Trade, Migration and Bilateral Diplomacy',
    );
    expect(JSON.stringify(pdf.xmp?.language)).toContain('en-US');
    // The packet's dates are SOURCE_DATE_EPOCH's, like the Info dictionary's: no print time.
    const stamp = new Date(sourceDateEpoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(pdf.xmp?.raw).toContain(`<xmp:CreateDate>${stamp}</xmp:CreateDate>`);
  });

  it('gives charts one description each, on the chart, with the caption outside it', () => {
    const nodes = reading('mexico-us/brief.pdf').trees.flatMap((tree) => allNodes([tree]));
    const figures = nodes.filter((node) => node.role === 'Figure');
    expect(figures.length).toBeGreaterThanOrEqual(2);
    for (const figure of figures) {
      expect(figure.alt).toMatch(/chart: .+\. Highest: .+; lowest: .+/);
      // A Figure with a description hides what is inside it: no caption, no nested Figure.
      expect(allNodes(figure.children).map((node) => node.role)).not.toContain('Caption');
      expect(allNodes(figure.children).map((node) => node.role)).not.toContain('Figure');
    }
  });

  it('has links that say where they go, and a way back from each footnote', () => {
    const { links } = reading('mexico-us/brief.pdf');
    expect(links.find((link) => link.dest === 'source-1')?.contents).toBe('Source 1');
    const noteLink = links.find((link) => link.dest?.endsWith('fn-1'));
    const backLink = links.find((link) => link.dest?.endsWith('fnref-1'));
    expect(noteLink, 'the note reference is a link to the note').toBeDefined();
    expect(backLink?.contents).toMatch(/back/i);
  });
});

describe('the deck and the handout', () => {
  it("deck: the sources slides' addresses are links to them", async () => {
    const stats = await readFile(join(defaultContent, 'mexico-us', 'stats.yaml'), 'utf8');
    const urls = [...stats.matchAll(/^\s+url:\s*(\S+)/gm)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThan(3);
    const linked = new Set(reading('mexico-us/deck.pdf').links.map((link) => link.url));
    for (const url of urls) expect(linked, url).toContain(url);
  });

  it('handout: each slide is a Figure described by its number and title, in order', async () => {
    const nodes = reading('mexico-us/handout.pdf').trees.flatMap((tree) => allNodes([tree]));
    const alts = nodes.filter((node) => node.role === 'Figure').map((node) => node.alt ?? '');
    const outline = reading('mexico-us/deck.pdf');
    expect(outline.unmarked.length, 'deck pages').toBeGreaterThan(5);
    expect(alts.length).toBe(outline.unmarked.length);
    alts.forEach((alt, index) => expect(alt).toMatch(new RegExp(`^Slide ${index + 1}: \\S`)));
    expect(alts[0]).toContain('Mexico–United States Relations');
  });
});
