/**
 * Charts: drawn as SVG in Node (no browser), described in words, readable in grayscale, and
 * printed as text in the brief and the deck.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toHtml } from 'hast-util-to-html';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../src/load/load-brief.js';
import type { Brief, Chart } from '../src/model/brief.js';
import { buildModel } from '../src/model/build-model.js';
import { describe as describeChart } from '../src/model/chart-model.js';
import { deckSlides } from '../src/model/deck.js';
import { parseBrief } from '../src/parse/parse-brief.js';
import { chartPalette, chartSvg } from '../src/render/charts.js';
import { resolveOptions } from '../src/model/options.js';
import { renderBrief } from '../src/render/render-brief.js';
import { Templates } from '../src/render/templates.js';
import { templatesDir } from '../src/paths.js';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  normalizeSpace,
  pdfFonts,
  pdfImages,
  pdfText,
  removeDir,
  repoRoot,
  runCli,
  sourceDateEpoch,
} from './helpers.js';

const contentDir = join(fixturesDir, 'charts', 'content');
const size = { width: 600, band: 26, height: 190, fontSize: 12 };

async function fixtureBrief(): Promise<Brief> {
  const loaded = await loadBrief(contentDir, 'charts', join(fixturesDir, 'charts'));
  expect(loaded.ok).toBe(true);
  const tree = await parseBrief(loaded);
  return buildModel(loaded, tree);
}

function chartNamed(brief: Brief, seriesId: string): Chart {
  const chart = brief.charts.find((candidate) => candidate.seriesId === seriesId);
  if (!chart) throw new Error(`no chart of ${seriesId}`);
  return chart;
}

/** Grey level a printer gives a colour (ITU-R BT.601 luma, 0–255). */
function grey(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  return 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
}

describe('charts without a browser', () => {
  let brief: Brief;
  beforeAll(async () => {
    brief = await fixtureBrief();
  });

  it('reads inline and CSV series into formatted rows', () => {
    expect(brief.charts.map((chart) => [chart.seriesId, chart.type])).toEqual([
      ['exports-by-destination', 'stacked-bar'],
      ['trade-by-year', 'line'],
      ['flows', 'column'],
    ]);
    expect(chartNamed(brief, 'trade-by-year').rows.map((row) => [row.category, row.text])).toEqual([
      ['2019', '614.5'],
      ['2020', '538.1'],
      ['2021', '661.6'],
    ]);
    const flows = chartNamed(brief, 'flows').rows;
    expect(flows.map((row) => `${row.group} ${row.category} ${row.text}`)).toContain(
      'Exports 2019 $358 billion',
    );
  });

  it('draws SVG whose labels are text and whose accessible name is the description', async () => {
    const chart = chartNamed(brief, 'exports-by-destination');
    const svg = toHtml(await chartSvg(chart, size));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(`role="img" aria-label="${chart.alt}"`);
    expect(svg).toMatch(/<text[^>]*>United States 75%<\/text>/);
    expect(svg).toMatch(/<text[^>]*>Rest of the world 25%<\/text>/);
    // Vector only: no embedded raster, no scripts, nothing fetched.
    expect(svg).not.toMatch(/<image|<script|href="http/);
  });

  it('labels every value of a line chart and names each line of a grouped one', async () => {
    const line = toHtml(await chartSvg(chartNamed(brief, 'trade-by-year'), size));
    for (const value of ['614.5', '538.1', '661.6']) expect(line).toContain(`>${value}</text>`);
    const grouped = toHtml(await chartSvg({ ...chartNamed(brief, 'flows'), type: 'line' }, size));
    expect(grouped).toContain('>Exports</text>');
    expect(grouped).toContain('>Imports</text>');
  });

  it('describes a chart by its data: what it compares, highest and lowest', () => {
    const chart = chartNamed(brief, 'exports-by-destination');
    expect(chart.alt).toBe(
      'Stacked bar chart: Where exports went. Compares United States and Rest of the world. ' +
        'Highest: United States, 75%; lowest: Rest of the world, 25%.',
    );
    const many = describeChart(
      'line',
      'Trade',
      Array.from({ length: 8 }, (_, index) => ({
        category: String(2014 + index),
        group: undefined,
        value: index === 3 ? 1 : 10 + index,
        text: String(index === 3 ? 1 : 10 + index),
      })),
      'en-US',
    );
    expect(many).toBe(
      'Line chart: Trade. Compares 8 values, from 2014 to 2021. Highest: 2021, 17; lowest: 2017, 1.',
    );
  });

  it('uses a palette whose greys stay at least 40 levels apart', () => {
    const greys = chartPalette.map(grey).sort((a, b) => a - b);
    for (let index = 1; index < greys.length; index++) {
      expect((greys[index] ?? 0) - (greys[index - 1] ?? 0)).toBeGreaterThanOrEqual(40);
    }
  });

  it('puts the chart, its description and its data table in the brief HTML', async () => {
    const html = await renderBrief(brief, await Templates.load(templatesDir), {
      document: resolveOptions(brief.meta),
    });
    const chart = chartNamed(brief, 'trade-by-year');
    expect(html).toContain(`aria-label="${chart.alt}"`);
    expect(html).not.toContain('bk-chart-canvas" data-chart');
    expect(html).toMatch(/<section class="bk-chart-data"/);
    expect(html).toMatch(/<caption>US–Mexico goods trade by year<sup/);
  });

  it('gives each chart its own slide after its section, and no empty slide to a chart-only one', () => {
    const slides = deckSlides(brief);
    expect(slides.map((slide) => `${slide.kind}:${slide.title}`)).toEqual([
      'title:Charts fixture',
      'agenda:Agenda',
      'section:Trade',
      'chart:Where exports went',
      'chart:US–Mexico goods trade by year',
      'chart:Exports and imports',
      'sources:Sources',
    ]);
  });
});

describe('charts in the PDFs', () => {
  let dir: string | undefined;
  let briefPdf: Uint8Array;
  let deckPdf: Uint8Array;

  beforeAll(async () => {
    dir = await makeTempDir('charts');
    await copyFixture(contentDir, join(dir, 'content'));
    const result = await runCli(
      [
        'build',
        '--content',
        join(dir, 'content'),
        '--out',
        join(dir, 'out'),
        '--format',
        'brief,deck',
      ],
      { cwd: dir, env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } },
    );
    // No error messages (a warning, such as an empty slide, is not one; the summary counts "0 errors").
    expect(result.stderr).not.toMatch(/\d+:\d+\s+error\s/);
    expect(result.code).toBe(0);
    briefPdf = await readFile(join(dir, 'out', 'charts', 'brief.pdf'));
    deckPdf = await readFile(join(dir, 'out', 'charts', 'deck.pdf'));
  });
  afterAll(() => removeDir(dir));

  it('prints chart labels and the numbered source line as text', async () => {
    const text = normalizeSpace((await pdfText(briefPdf)).join(' '));
    expect(text).toContain('Where exports went');
    expect(text).toContain('United States 75%');
    expect(text).toContain('661.6');
    expect(text).toMatch(
      /Source: Office of the United States Trade Representative, U\.S\.-Mexico Trade Facts\.\s?1/,
    );
    expect(text).toContain('Chart data');
  });

  it('draws charts as vector graphics in the bundled fonts', async () => {
    expect(await pdfImages(briefPdf)).toEqual([]);
    expect(await pdfImages(deckPdf)).toEqual([]);
    const fonts = (await pdfFonts(briefPdf)).map((font) => font.name);
    for (const name of fonts) expect(name).toMatch(/SourceSerif4|SourceSans3/);
  });

  it('shows each chart full size on its own slide', async () => {
    const pages = (await pdfText(deckPdf)).map(normalizeSpace);
    const slide = pages.findIndex((page) => page.startsWith('Where exports went'));
    expect(slide).toBeGreaterThan(0);
    expect(pages[slide]).toContain('United States 75%');
    expect(pages[slide]).toContain('Source: Office of the United States Trade Representative');
  });
});

describe('sparks beside key figures', () => {
  it('draws a stat’s series small: a share bar for parts, a trend line for three or more points', async () => {
    const loaded = await loadBrief(join(repoRoot, 'content'), 'mexico-us', repoRoot);
    const brief = buildModel(loaded, await parseBrief(loaded));
    const share = brief.featured.find((figure) => figure.statId === 'export-share-us-2021');
    expect(share?.spark?.type).toBe('stacked-bar');
    expect(share?.spark?.rows.map((row) => row.category)).toEqual([
      'United States',
      'Rest of the world',
    ]);
    const html = await renderBrief(brief, await Templates.load(templatesDir), {
      document: resolveOptions(brief.meta),
    });
    expect(html).not.toContain('data-spark=');
    expect(html).toMatch(/<div class="bk-spark"><svg role="img"/);

    const line = { ...chartNamed(await fixtureBrief(), 'trade-by-year'), type: 'line' as const };
    const trend = toHtml(
      await chartSvg(line, { width: 120, band: 10, height: 34, fontSize: 0 }, true),
    );
    expect(trend).toContain('aria-roledescription="line mark"');
    // Wordless: the number beside it carries the value.
    expect(trend).not.toMatch(/<text/);
  });
});
