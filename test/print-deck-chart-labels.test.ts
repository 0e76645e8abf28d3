/**
 * Long category names on a bar chart's slide, read back from deck.pdf: every name printed whole
 * (wrapped at spaces, never cut or ellipsized), inside the slide's content box, clear of the
 * bars and of each other, each centred on its bar, at 14 pt or more, with the chart still filling
 * the room. The room for the names is measured from Source Sans 3's advance widths
 * (src/render/text-width.ts), not guessed per character. Fixture: test/fixtures/charts/labels/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixturesDir, makeTempDir, removeDir, runCli, sourceDateEpoch } from './helpers.js';
import { readLayout, type PageLayout, type TextRun } from './pdf-layout.js';

const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const content = join(fixturesDir, 'charts', 'labels');
/** The content box's left edge and the page's right margin, in points (deck.css). */
const contentLeft = 60;
const contentRight = 720 - 36;

let out: string;
let pages: PageLayout[];
let series: Record<string, { data: Record<string, number> }>;

beforeAll(async () => {
  out = await makeTempDir('deck-chart-labels');
  const result = await runCli(
    ['build', 'long-labels', '--content', content, '--out', out, '--format', 'deck', '--force'],
    { env },
  );
  expect(result.code, result.stderr).toBe(0);
  pages = await readLayout(await readFile(join(out, 'long-labels', 'deck.pdf')));
  const stats = await readFile(join(content, 'long-labels', 'stats.yaml'), 'utf8');
  series = (parse(stats) as { series: typeof series }).series;
}, 120_000);
afterAll(() => removeDir(out));

const slideTitled = (heading: string): PageLayout => {
  const page = pages.find((candidate) =>
    candidate.runs.some((run) => Math.abs(run.size - 27) < 0.5 && run.str === heading),
  );
  if (!page) throw new Error(`no slide headed ${heading}`);
  return page;
};

const bars = (page: PageLayout) =>
  page.shapes.filter((shape) => shape.color === '#1b4a72' && shape.x > 30);

/** The names: chart text left of the bars. */
const names = (page: PageLayout): TextRun[] => {
  const barLeft = Math.min(...bars(page).map((bar) => bar.x));
  return page.runs.filter((run) => run.size > 11 && run.size < 26 && run.x < barLeft);
};

const overlap = (a: TextRun, b: TextRun): boolean =>
  a.x < b.x + b.width &&
  b.x < a.x + a.width &&
  a.y - 0.25 * a.size < b.y + 0.8 * b.size &&
  b.y - 0.25 * b.size < a.y + 0.8 * a.size;

describe.each([
  ['Exports by end use', 'by-end-use'],
  ['Exports by state of origin', 'regions'],
])('the bar chart “%s”', (heading, seriesId) => {
  it('prints every category name whole, in order, wrapped at spaces only', () => {
    const categories = Object.keys(series[seriesId]?.data ?? {});
    const printed = [...names(slideTitled(heading))]
      .sort((a, b) => b.y - a.y)
      .map((run) => run.str)
      .join(' ');
    expect(printed).toBe(categories.join(' '));
    expect(printed).not.toContain('…');
  });

  it('keeps the names inside the content box, clear of the bars and of each other', () => {
    const page = slideTitled(heading);
    const barLeft = Math.min(...bars(page).map((bar) => bar.x));
    const runs = names(page);
    for (const run of runs) {
      expect(run.x, run.str).toBeGreaterThanOrEqual(contentLeft - 0.5);
      expect(run.x + run.width, run.str).toBeLessThanOrEqual(barLeft);
    }
    for (const [index, run] of runs.entries())
      for (const other of runs.slice(index + 1))
        expect(overlap(run, other), `${run.str} / ${other.str}`).toBe(false);
    // Values stay on the slide, right of their bars.
    const values = page.runs.filter((run) => run.size > 11 && run.x > barLeft);
    expect(values.length).toBe(bars(page).length);
    for (const run of values) expect(run.x + run.width).toBeLessThanOrEqual(contentRight);
  });

  it('centres each name on its bar, at 14 pt or more, the chart filling the room', () => {
    const page = slideTitled(heading);
    const runs = names(page);
    for (const bar of bars(page)) {
      const lines = runs.filter((run) => run.y > bar.y - 4 && run.y < bar.y + bar.height + 4);
      expect(lines.length).toBeGreaterThan(0);
      const top = Math.max(...lines.map((run) => run.y + 0.7 * run.size));
      const bottom = Math.min(...lines.map((run) => run.y));
      expect(Math.abs((top + bottom) / 2 - (bar.y + bar.height / 2))).toBeLessThan(4);
    }
    expect(Math.min(...runs.map((run) => run.size))).toBeGreaterThanOrEqual(14);
    const barRight = Math.max(...bars(page).map((bar) => bar.x + bar.width));
    expect(barRight - Math.min(...runs.map((run) => run.x))).toBeGreaterThan(0.7 * 609);
  });
});
