/**
 * The brand's logo (config `brand.logo`) on the deck, read back from deck.pdf: on the title
 * slide only, inside it (right of its edge, above the title, at most 0.6 × 2.6 in, its shape
 * kept), drawn in its own colours, with the organization named beside the date; no other slide
 * carries it. Fixture: a small brief (test/fixtures/charts) and test/fixtures/deck/brand/logo.png.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckFixtures } from './deck-helpers.js';
import { readLayout, type PageLayout } from './pdf-layout.js';
import { pagePixels } from './pdf-pixels.js';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
/** logo.png: 240 × 72 px, a magenta square at its left. */
const logoShape = 240 / 72;

let root: string;
let build: CliResult;
let pages: PageLayout[];

beforeAll(async () => {
  root = await makeTempDir('deck-brand');
  await copyFixture(
    join(fixturesDir, 'charts', 'content', 'charts'),
    join(root, 'content', 'talk'),
  );
  await mkdir(join(root, 'brand'));
  await copyFile(join(deckFixtures, 'brand', 'logo.png'), join(root, 'brand', 'logo.png'));
  await writeFile(
    join(root, 'briefkit.config.json'),
    JSON.stringify({ brand: { organization: 'Harbor Institute', logo: 'brand/logo.png' } }),
  );
  build = await runCli(['build', 'talk', '--format', 'deck', '--force'], { cwd: root, env });
  pages = await readLayout(await readFile(join(root, 'output', 'talk', 'deck.pdf')));
}, 120_000);
afterAll(() => removeDir(root));

describe('the brand on the deck', () => {
  it('puts the logo on the title slide, inside it and above the title', () => {
    expect(build.code, build.stderr).toBe(0);
    const [title] = pages as [PageLayout];
    expect(title.images).toHaveLength(1);
    const [logo] = title.images as [PageLayout['images'][number]];
    // Right of the title slide's 0.3 in edge, inside the page, at most 0.6 × 2.6 in.
    expect(logo.x).toBeGreaterThan(0.3 * 72);
    expect(logo.x + logo.width).toBeLessThan(title.width);
    expect(logo.y).toBeGreaterThan(0);
    expect(logo.y + logo.height).toBeLessThan(title.height);
    expect(logo.height).toBeLessThanOrEqual(0.6 * 72 + 0.5);
    expect(logo.width).toBeLessThanOrEqual(2.6 * 72 + 0.5);
    expect(logo.width / logo.height).toBeCloseTo(logoShape, 1);
    const heading = title.runs.find((run) => run.str.includes('Charts fixture'));
    expect(heading).toBeDefined();
    expect(logo.y).toBeGreaterThan(heading?.y ?? Infinity);
    expect(title.runs.map((run) => run.str).join(' ')).toContain('Harbor Institute');
  });

  it('draws it in its own colours', async () => {
    const [title] = pages as [PageLayout];
    const [logo] = title.images as [PageLayout['images'][number]];
    const pixels = await pagePixels(join(root, 'output', 'talk', 'deck.pdf'), 1, 144);
    // The magenta square: the first 30% of the logo's width, from the page's top left.
    const [r, g, b] = pixels.at(
      logo.x + 0.15 * logo.width,
      title.height - logo.y - logo.height / 2,
    );
    expect(r).toBeGreaterThan(130);
    expect(g).toBeLessThan(70);
    expect(b).toBeGreaterThan(90);
  });

  it('leaves it off every other slide', () => {
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages.slice(1)) expect(page.images).toEqual([]);
  });
});
