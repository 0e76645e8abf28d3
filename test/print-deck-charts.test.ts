/**
 * Charts on slides fill the room: read back from deck.pdf, each chart's drawn bounds (its bars,
 * lines and points in the chart palette, and its labels) cover at least 70% of the content box's
 * width and half its height, and its labels are 14 pt or more. The content box under a one-line
 * title is 609 × 282 pt of the 720 × 405 pt page (deck.css: 0.7 in padding a side, a 0.14 in edge).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, makeTempDir, removeDir, runCli, sourceDateEpoch } from './helpers.js';
import { defaultContent } from './deck-helpers.js';
import { readLayout, type PageLayout, type TextRun } from './pdf-layout.js';

const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const content = { width: 609, height: 282 };
/** The chart palette's colours (src/render/charts.ts), as printed. */
const palette = ['#1b4a72', '#b5542f', '#7fa7c9', '#e6cf8f'];

let out: string;
const decks = new Map<string, PageLayout[]>();

beforeAll(async () => {
  out = await makeTempDir('deck-charts');
  for (const [id, dir] of [
    ['charts', join(fixturesDir, 'charts', 'content')],
    ['mexico-us', defaultContent],
  ] as const) {
    const result = await runCli(
      ['build', id, '--content', dir, '--out', out, '--format', 'deck', '--force'],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    decks.set(id, await readLayout(await readFile(join(out, id, 'deck.pdf'))));
  }
}, 120_000);

afterAll(() => removeDir(out));

const title = (page: PageLayout): string =>
  page.runs
    .filter((run) => Math.abs(run.size - 27) < 0.5)
    .map((run) => run.str)
    .join(' ');

/** The chart's labels: text on the slide other than its title (27 pt), source and footer. */
const labels = (page: PageLayout): TextRun[] =>
  page.runs.filter((run) => run.size > 11 && run.size < 26);

/** The box around the chart's marks and labels, in points. */
function chartBounds(page: PageLayout): { width: number; height: number } {
  const boxes = [
    // The brand's edge is a palette colour too; it runs the page's full height at its left.
    ...page.shapes.filter((shape) => palette.includes(shape.color) && shape.x > 30),
    ...labels(page).map((run) => ({ x: run.x, y: run.y, width: run.width, height: run.size })),
  ];
  const left = Math.min(...boxes.map((box) => box.x));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.min(...boxes.map((box) => box.y));
  const top = Math.max(...boxes.map((box) => box.y + box.height));
  return { width: right - left, height: top - bottom };
}

describe.each([
  ['charts', 'Where exports went'],
  ['charts', 'US–Mexico goods trade by year'],
  ['charts', 'Exports and imports'],
  ['mexico-us', "Where Mexico's exports went, 2021"],
  ['mexico-us', 'Mexican-born share of all US immigrants, 2022'],
])('%s: the chart slide “%s”', (id, heading) => {
  const slide = (): PageLayout => {
    const page = decks.get(id)?.find((candidate) => title(candidate) === heading);
    if (!page) throw new Error(`no slide headed ${heading} in ${id}`);
    return page;
  };

  it('fills at least 70% of the content width and half its height', () => {
    const bounds = chartBounds(slide());
    expect(bounds.width).toBeGreaterThanOrEqual(0.7 * content.width);
    expect(bounds.height).toBeGreaterThanOrEqual(0.5 * content.height);
  });

  it('labels it at 14 pt or more, and keeps the title at 27 pt', () => {
    const sizes = labels(slide()).map((run) => run.size);
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
  });
});
