/**
 * Blocks too tall for the space left on a page, after half a page of text. A long bar chart (30
 * harbours, test/fixtures/corpus/content/tall-chart): in the brief it is drawn in parts that may
 * break across pages on one scale, so no page is left a third empty and its labels print at the
 * brief's chart size; in the deck it goes on over as many slides as keep its names at 14 pt or
 * more. A table of five rows with long cells: it breaks between rows, header repeated, instead of
 * moving whole. Read back from the PDFs.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Chart } from '../src/model/brief.js';
import { chartSvg } from '../src/render/charts.js';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';
import { bodyRuns, readLayout, type PageLayout } from './pdf-layout.js';

const id = 'tall-chart';
const fixture = join(fixturesDir, 'corpus', 'content', id);
/** The brief's chart size (render/render-brief.ts). */
const briefSize = { width: 600, band: 26, height: 190, fontSize: 12, bandsHeight: 240 };
/** charts.ts: the one colour of a single series' bars. */
const barColour = '#1b4a72';

let harbours: { name: string; tonnes: number }[];
let dir: string;
let result: CliResult;
let brief: PageLayout[];
let deck: PageLayout[];
let pptx: JSZip;
let table: PageLayout[];

/** Five options, each cell several lines long: taller than a third of a page, fewer than 9 rows. */
const options = ['Subsidy', 'Tolls', 'Timetable', 'Tender', 'Bridge'];
const tableBrief = () => {
  const paragraph =
    'The council asked for each way of keeping the ferry running to be set out in full, with ' +
    'what it would change for the people who use it every day and for the harbour that hosts it.';
  const cell =
    'Explained at length: who pays, from which budget, from which year, what the crossing would ' +
    'look like afterwards, how many sailings a day would remain and what happens in winter storms.';
  const rows = options.map((name) => `| ${name} | ${cell} | ${cell} |`);
  return [
    '---',
    'title: "Keeping the Ferry: Five Options"',
    'date: 2026-04-01',
    '---',
    '',
    '## The options',
    '',
    ...Array.from({ length: 8 }, () => `${paragraph}\n`),
    '| Option | What it changes | What it costs |',
    '|---|---|---|',
    ...rows,
    '',
    'The council will choose in June.',
    '',
  ].join('\n');
};

beforeAll(async () => {
  const csv = await readFile(join(fixture, 'landings.csv'), 'utf8');
  harbours = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [name = '', tonnes = ''] = line.split(',');
      return { name, tonnes: Number(tonnes) };
    });
  dir = await makeTempDir('tall-blocks');
  await copyFixture(fixture, join(dir, 'content', id));
  await mkdir(join(dir, 'content', 'ferry'));
  await writeFile(join(dir, 'content', 'ferry', 'brief.md'), tableBrief());
  result = await runCli(
    ['build', '--content', 'content', '--out', 'out', '--format', 'brief,deck,pptx'],
    { cwd: dir, env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } },
  );
  brief = await readLayout(await readFile(join(dir, 'out', id, 'brief.pdf')));
  deck = await readLayout(await readFile(join(dir, 'out', id, 'deck.pdf')));
  pptx = await JSZip.loadAsync(await readFile(join(dir, 'out', id, 'deck.pptx')));
  table = await readLayout(await readFile(join(dir, 'out', 'ferry', 'brief.pdf')));
}, 120_000);
afterAll(() => removeDir(dir));

/** A chart of `count` bars whose names are long, as the model makes it. */
const chartOf = (count: number): Chart => ({
  index: 0,
  seriesId: 'landings',
  type: 'bar',
  title: 'Catch landed',
  alt: 'Bar chart: Catch landed.',
  rows: Array.from({ length: count }, (_, at) => ({
    category: `Harbour number ${at + 1} on the long coast`,
    group: undefined,
    value: 100 * (at + 1),
    text: String(100 * (at + 1)),
  })),
  valueFormat: { format: 'number' },
  sourceNumber: 1,
  sourceText: '',
  line: 1,
  column: 1,
});

describe('drawing a brief’s bar chart', () => {
  it('is exactly the chart width with long names, so the page never scales its labels down', async () => {
    const svg = await chartSvg(chartOf(4), briefSize);
    expect(svg.tagName).toBe('svg');
    expect(Number(svg.properties.width)).toBe(briefSize.width);
  });

  it('splits more bars than a third of a page holds into parts on one scale', async () => {
    const drawn = await chartSvg(chartOf(30), briefSize);
    expect(drawn.tagName).toBe('div');
    const parts = drawn.children.flatMap((child) => (child.type === 'element' ? [child] : []));
    expect(parts).toHaveLength(2);
    const html = parts.map((part) => toHtml(part));
    // The first carries the description, the second says it continues the chart.
    expect(html[0]).toContain('aria-label="Bar chart: Catch landed."');
    expect(html[1]).toContain('aria-label="Catch landed (2/2)"');
    for (const part of parts) expect(Number(part.properties.width)).toBe(briefSize.width);
    expect(html[0]).toContain('>Harbour number 15 on the long coast<');
    expect(html[0]).not.toContain('>Harbour number 16 on the long coast<');
    expect(html[1]).toContain('>Harbour number 16 on the long coast<');
  });
});

describe('a 30-bar chart in the brief, after half a page of text', () => {
  it('builds with no messages but the info lines', () => {
    expect(result.code, result.stderr).toBe(0);
  });

  it('starts on the page of the text before it and goes on over the next', () => {
    const caption = 'Catch landed by harbour, 2025 (tonnes)';
    const first = brief[0] as PageLayout;
    expect(first.runs.some((run) => run.str.includes(caption))).toBe(true);
    // Harbour names on a page from top to bottom (the chart-data table repeats them later).
    const names = (page: PageLayout) =>
      [...page.runs]
        .sort((a, b) => b.y - a.y)
        .map((run) => run.str)
        .filter((text) => harbours.some(({ name }) => name === text));
    const onFirst = names(first);
    expect(onFirst.length).toBeGreaterThanOrEqual(10);
    expect(onFirst).toEqual(harbours.slice(0, onFirst.length).map(({ name }) => name));
    const rest = names(brief[1] as PageLayout);
    expect(rest.slice(0, 30 - onFirst.length)).toEqual(
      harbours.slice(onFirst.length).map(({ name }) => name),
    );
  });

  it('prints its names at the brief’s chart size (12 px, 9 pt), not scaled down', () => {
    const first = brief[0] as PageLayout;
    const label = first.runs.find((run) => run.str === harbours[0]?.name);
    expect(label?.size).toBeCloseTo(9, 1);
  });

  it('draws both parts on one scale: tonnes per point of bar the same on either page', () => {
    const ratios = brief.slice(0, 2).flatMap((page) => {
      const bars = page.shapes
        .filter((shape) => shape.color === barColour && shape.height > 4 && shape.height < 30)
        .sort((a, b) => b.y - a.y);
      return bars.map((bar) => bar.width);
    });
    expect(ratios).toHaveLength(30);
    const perPoint = ratios.map((width, at) => (harbours[at]?.tonnes ?? 0) / width);
    for (const each of perPoint) expect(each).toBeCloseTo(perPoint[0] ?? 0, 0);
  });

  it('leaves no page more than a third empty before it', () => {
    const first = brief[0] as PageLayout;
    const lowest = Math.min(...bodyRuns(first).map((run) => run.y));
    expect(lowest / first.height).toBeLessThan(1 / 3);
  });
});

describe('the same chart in the deck', () => {
  const chartSlides = () =>
    deck.filter((page) =>
      page.runs.some((run) => run.str.startsWith('Catch landed by harbour, 2025')),
    );

  it('goes on over slides marked as continued, each harbour on one of them', () => {
    const slides = chartSlides();
    expect(slides.length).toBeGreaterThanOrEqual(3);
    const titles = slides.map((page) =>
      page.runs
        .filter((run) => run.size > 20)
        .map((run) => run.str)
        .join(' '),
    );
    expect(titles[0]).not.toContain('continued');
    for (const title of titles.slice(1)) expect(title).toContain('(continued)');
    const named = slides.flatMap((page) =>
      harbours
        .filter(({ name }) => page.runs.some((run) => run.str === name))
        .map(({ name }) => name),
    );
    expect(named).toEqual(harbours.map(({ name }) => name));
  });

  it('keeps every name at 14 pt or more', () => {
    for (const page of chartSlides())
      for (const run of page.runs.filter((each) => harbours.some(({ name }) => name === each.str)))
        expect(run.size, run.str).toBeGreaterThanOrEqual(14);
  });
});

describe('the same chart in the editable deck', () => {
  it('gives each slide a native chart of its own harbours, together all of them once', async () => {
    const names = Object.keys(pptx.files)
      .filter((name) => /^ppt\/charts\/chart\d+\.xml$/.test(name))
      .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]));
    const categories = await Promise.all(
      names.map(async (name) => {
        const xml = await (pptx.file(name) as JSZip.JSZipObject).async('string');
        const cat = /<c:cat>([\s\S]*?)<\/c:cat>/.exec(xml)?.[1] ?? '';
        return [...cat.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((match) => match[1]);
      }),
    );
    expect(categories.length).toBeGreaterThanOrEqual(3);
    for (const each of categories) expect(each.length).toBeLessThan(harbours.length);
    expect(categories.flat()).toEqual(harbours.map(({ name }) => name));
  });
});

describe('a five-row table of long cells after half a page of text', () => {
  it('starts on that page and goes on over the next, its header row repeated', () => {
    expect(table).toHaveLength(2);
    const [first, second] = table as [PageLayout, PageLayout];
    const has = (page: PageLayout, text: string) => page.runs.some((run) => run.str === text);
    for (const page of [first, second]) expect(has(page, 'What it changes')).toBe(true);
    expect(has(first, 'Subsidy')).toBe(true);
    expect(has(second, 'Bridge')).toBe(true);
    // Rows are not split: each option's name is on one page only.
    for (const name of options)
      expect([first, second].filter((page) => has(page, name))).toHaveLength(1);
    const lowest = Math.min(...bodyRuns(first).map((run) => run.y));
    expect(lowest / first.height).toBeLessThan(1 / 3);
  });
});
