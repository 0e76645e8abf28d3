/**
 * Layout that holds whatever the order of blocks: an A4 en-GB brief written elsewhere, with key
 * figures before its first section (one of them also in the key-figures panel), callouts before a
 * heading, in pairs and one under another, a 14-bar chart after a table, a closed `<details>`
 * and images sized with Pandoc's attributes (test/fixtures/corpus/content/figures-first). Built
 * with no flags and measured from the PDF.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  parseReport,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';
import { bodyRuns, readLayout, squashRuns, type ImageBox, type PageLayout } from './pdf-layout.js';

const id = 'figures-first';
/** theme.css `--bk-panel`: the background of a key-figure callout, and nothing else here. */
const panel = '#eef2f6';
/** brief.css page margins (0.8in at the top and sides, 0.75in at the bottom), in points. */
const margin = { top: 57.6, side: 57.6, bottom: 54 };
/** The big numbers of the brief's stats, as en-GB prints them. */
const values = ['11,840', '57', '23', '£2.50', '£4.10', '12%', '13.5', '46%', '214'];

let dir: string;
let result: CliResult;
let pages: PageLayout[];
let html: string;
/** A letter brief whose 8.4in picture comes after half a page of text. */
let tall: PageLayout[];

beforeAll(async () => {
  dir = await makeTempDir('layout');
  for (const brief of [id, 'tall-picture'])
    await copyFixture(join(fixturesDir, 'corpus', 'content', brief), join(dir, 'content', brief));
  result = await runCli(
    ['build', '--content', 'content', '--out', 'out', '--format', 'brief,web'],
    { cwd: dir, env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } },
  );
  pages = await readLayout(await readFile(join(dir, 'out', id, 'brief.pdf')));
  html = await readFile(join(dir, 'out', id, 'brief.html'), 'utf8');
  tall = await readLayout(await readFile(join(dir, 'out', 'tall-picture', 'brief.pdf')));
}, 120_000);
afterAll(() => removeDir(dir));

/** Callout boxes (their panel-coloured backgrounds) on a page. */
const calloutBoxes = (page: PageLayout): ImageBox[] =>
  page.shapes.filter((shape) => shape.color === panel && shape.width > 72 && shape.height > 20);

const overlaps = (a: ImageBox, b: ImageBox): boolean =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 1 &&
  Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 1;

describe('key figures before the first section, and callouts anywhere', () => {
  it('builds, saying where a figure the panel shows is left out beside it', () => {
    expect(result.code, result.stderr).toBe(0);
    const messages = parseReport(result.stderr).filter(
      (message) => message.file.includes(id) && !message.text.includes('untracked-number'),
    );
    expect(messages.map((message) => `${message.line}:${message.column} ${message.text}`)).toEqual([
      // Before the first section: right under the panel, wherever the pages break.
      expect.stringMatching(
        /^10:1 info .*key-figure\{stat=weekly-journeys\}.*key-figure-in-panel$/,
      ),
      // In the first section, printed on the panel's page (measured before printing).
      expect.stringMatching(/^22:1 info .*key-figure\{stat=routes-running\}.*key-figure-in-panel$/),
    ]);
  });

  it('never overlaps two callouts, nor squeezes a heading or the text beside one', () => {
    const boxes = pages.flatMap((page) => calloutBoxes(page).map((box) => ({ page, box })));
    // Two in the lead's row (the third is the panel's), a pair before a heading (one of them the
    // panel's figure, on another page), a pair, two floated; the one on the panel's page is gone.
    expect(boxes).toHaveLength(8);
    for (const [index, { page, box }] of boxes.entries()) {
      for (const other of boxes.slice(index + 1))
        if (other.page === page) expect(overlaps(box, other.box)).toBe(false);
      const inside = (x: number, y: number) =>
        calloutBoxes(page).some(
          (b) => x >= b.x - 1 && x <= b.x + b.width + 1 && y >= b.y - 1 && y <= b.y + b.height + 1,
        );
      const beside = bodyRuns(page).filter(
        (run) =>
          !inside(run.x, run.y) && run.y < box.y + box.height && run.y + run.size * 0.7 > box.y,
      );
      for (const run of beside) {
        // A heading is never beside a callout; text beside one keeps at least 4in of column.
        expect(run.size, `“${run.str}” beside a callout`).toBeLessThan(10.5);
        expect(run.x + run.width).toBeLessThanOrEqual(box.x + 1);
        expect(box.x - margin.side).toBeGreaterThanOrEqual(4 * 72);
      }
    }
  });

  it('prints each big number once: the panel’s figure is not repeated as a callout', () => {
    for (const [index, page] of pages.entries()) {
      const big = page.runs.filter((run) => run.size >= 13 && values.includes(run.str.trim()));
      const counts = new Map<string, number>();
      for (const run of big) counts.set(run.str.trim(), (counts.get(run.str.trim()) ?? 0) + 1);
      for (const [value, count] of counts) expect(count, `${value} on page ${index + 1}`).toBe(1);
    }
    const printed = pages.flatMap((page) =>
      page.runs.filter((run) => run.size >= 13).map((run) => run.str.trim()),
    );
    // The panel's 11,840 is shown again as a callout two pages on; its 57 is not repeated.
    for (const value of values)
      expect(printed.filter((text) => text === value)).toHaveLength(value === '11,840' ? 2 : 1);
  });
});

describe('a 14-bar chart after a table', () => {
  it('leaves no page more than a third empty before it', () => {
    const caption = 'Passengers a week by route, June 2026';
    const at = pages.findIndex((page) => page.runs.some((run) => run.str.includes(caption)));
    expect(at).toBeGreaterThanOrEqual(0);
    const page = pages[at] as PageLayout;
    const top = page.runs.find((run) => run.str.includes(caption))?.y ?? 0;
    const above = bodyRuns(page).filter((run) => run.y > top + 1);
    if (above.length > 0) return; // text above it on its page: nothing was left blank
    const before = pages[at - 1] as PageLayout;
    const bottom = Math.min(...bodyRuns(before).map((run) => run.y));
    const body = before.height - margin.top - margin.bottom;
    expect((bottom - margin.bottom) / body).toBeLessThanOrEqual(1 / 3);
  });

  it('draws its fourteen bars with their labels', () => {
    const text = pages.map((page) => squashRuns(page.runs)).join('');
    for (const route of ['T4', 'X75', 'M12']) expect(text).toContain(route);
  });
});

describe('details and sized images', () => {
  it('prints a closed <details> open, its summary as a label above its content', () => {
    const text = pages.map((page) => squashRuns(bodyRuns(page))).join('');
    const summary = text.indexOf('Howthepassengercountsweremade');
    const content = text.indexOf('Ticketmachineslogeveryboarding');
    expect(summary).toBeGreaterThan(0);
    expect(content).toBeGreaterThan(summary);
    // The web edition keeps it a disclosure, closed as written.
    expect(html).toMatch(/<details>\s*<summary>How the passenger counts were made<\/summary>/);
  });

  it('draws images at the width and height their attributes give', () => {
    const images = pages.flatMap((page) => page.images);
    expect(images).toHaveLength(3);
    const [half, small, short] = images as [ImageBox, ImageBox, ImageBox];
    const column = (pages[0] as PageLayout).width - 2 * margin.side;
    // Within 1.5pt: Chromium lays the page out in whole CSS pixels.
    const near = (drawn: number, meant: number) =>
      expect(Math.abs(drawn - meant)).toBeLessThan(1.5);
    // The picture is 240 × 120: a width sets the height, and a height the width.
    near(half.width, column / 2);
    near(half.height, column / 4);
    near(small.width, 2 * 72);
    near(small.height, 72);
    near(short.height, (3 / 2.54) * 72);
    near(short.width, (6 / 2.54) * 72);
  });
});

describe('a picture taller than the space left on its page', () => {
  it('is sized down to fit there, keeping more than half its height, instead of leaving the page half blank', () => {
    expect(tall).toHaveLength(2);
    const [first, second] = tall as [PageLayout, PageLayout];
    expect(second.images).toEqual([]);
    const [picture] = first.images as [ImageBox];
    // brief.css draws it at most 8.4in tall; here it takes the rest of page 1.
    expect(picture.height).toBeGreaterThan(0.5 * 8.4 * 72);
    expect(picture.height).toBeLessThan(8.4 * 72);
    expect(picture.y).toBeGreaterThanOrEqual(margin.bottom - 1);
    const text = bodyRuns(first);
    expect(Math.min(...text.map((run) => run.y))).toBeGreaterThan(picture.y + picture.height);
  });
});
