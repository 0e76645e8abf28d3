/**
 * Marp's colour directives and background filters in the deck PDF: `backgroundColor` (front
 * matter, carried) and `_backgroundColor`/`_color` (one slide) as the page's fill and the text's
 * ink, `class: invert`, `![bg left:40% grayscale]` in that share of the slide, `sepia` and
 * `blur:3px` seen in the pixels; a colour that is not one (CSS smuggled in) is not used, and what
 * is ignored is one info line. Fixture: test/fixtures/deck/directives/colours/.
 */
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckFixtures } from './deck-helpers.js';
import { greyOf, readLayout, type PageLayout } from './pdf-layout.js';
import { pagePixels } from './pdf-pixels.js';
import {
  makeTempDir,
  parseReport,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const markdown = join(deckFixtures, 'directives', 'colours', 'brief.md');
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };

let out: string;
let deck: string;
let build: CliResult;
let check: CliResult;
let pages: PageLayout[];

beforeAll(async () => {
  out = await makeTempDir('deck-directives');
  deck = join(out, 'deck.pdf');
  check = await runCli(['check', markdown], { env });
  build = await runCli(['build', markdown, '--format', 'deck', '-o', deck, '--force'], { env });
  pages = await readLayout(await readFile(deck));
}, 170_000);
afterAll(() => removeDir(out));

/** The fill that covers the whole 720 × 405 pt page, if any. */
const paperOf = (page: PageLayout): string | undefined =>
  page.shapes.find((shape) => shape.width > 715 && shape.height > 400)?.color;
const inkOf = (page: PageLayout, text: string): string | undefined =>
  page.inks.find((ink) => ink.text.includes(text))?.color;

describe("Marp's colours", () => {
  it('build and check agree, and name what is ignored in one info line', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(check.code, check.stderr).toBe(0);
    const ignored = (result: CliResult) =>
      parseReport(result.stderr).filter((message) => message.text.includes('slide-directive'));
    expect(ignored(build).map((message) => message.text)).toEqual(
      ignored(check).map((message) => message.text),
    );
    const [line] = ignored(check);
    expect(line?.text).toMatch(/^info\s+Not used by briefkit's deck, ignored: /);
    for (const name of ['`theme`', '`backgroundImage`', 'a second `![bg]`', 'red; background'])
      expect(line?.text).toContain(name);
    expect(ignored(check)).toHaveLength(1);
  });

  it("fill the page and ink the text: the front matter's from the first slide on, `_` ones once", () => {
    expect(pages).toHaveLength(6);
    expect(pages.map(paperOf)).toEqual([
      '#f4efe1',
      '#000080',
      '#1c2330',
      '#f4efe1',
      '#f4efe1',
      '#f4efe1',
    ]);
    // `_color: rgb(255, 230, 120)`: the title, the list and the footer of that slide only.
    expect(inkOf(pages[1] as PageLayout, 'Frost came early')).toBe('#ffe678');
    expect(inkOf(pages[1] as PageLayout, 'Late pears lost')).toBe('#ffe678');
    expect(inkOf(pages[3] as PageLayout, 'Two plots compared')).toBe('#1b4a72');
    // `class: invert`: white on the dark ink colour, over the carried paper.
    expect(inkOf(pages[2] as PageLayout, 'What the pickers said')).toBe('#ffffff');
    expect(greyOf(paperOf(pages[2] as PageLayout) ?? '#ffffff')).toBeLessThan(60);
  });

  it('paint deck.pptx alike where they are `#rgb` colours or `class: invert`', async () => {
    const pptx = join(out, 'deck.pptx');
    const result = await runCli(['build', markdown, '--format', 'pptx', '-o', pptx, '--force'], {
      env,
    });
    expect(result.code, result.stderr).toBe(0);
    const zip = await JSZip.loadAsync(await readFile(pptx));
    const slide = async (number: number) =>
      (await zip.file(`ppt/slides/slide${number}.xml`)?.async('string')) ?? '';
    const paper = (xml: string) =>
      /<p:bg>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"/.exec(xml)?.[1]?.toLowerCase();
    const runColours = (xml: string, text: string) =>
      [...xml.matchAll(/<a:r>[\s\S]*?<\/a:r>/g)]
        .filter((run) => run[0].includes(text))
        .map((run) => /<a:srgbClr val="([0-9A-F]{6})"/.exec(run[0])?.[1]?.toLowerCase());
    // The carried `backgroundColor` behind slide 4; `class: invert`: white on the ink colour.
    expect(`#${paper(await slide(4))}`).toBe(paperOf(pages[3] as PageLayout));
    const inverted = await slide(3);
    expect(`#${paper(inverted)}`).toBe(paperOf(pages[2] as PageLayout));
    for (const text of ['What the pickers said', 'Ladders were short'])
      expect(runColours(inverted, text)).toEqual(['ffffff']);
  }, 60_000);

  it('let nothing but a colour through: the smuggled `url(…)` loads no picture', () => {
    const last = pages[4] as PageLayout;
    expect(paperOf(last)).toBe('#f4efe1');
    expect(last.images).toHaveLength(1);
  });
});

describe("Marp's front matter and pictures on the web", () => {
  const footer = (page: PageLayout) =>
    page.runs
      .filter((run) => run.y < 30)
      .map((run) => run.str)
      .join(' ');

  it("`_paginate: false` in the front matter drops the first slide's number only", () => {
    expect(footer(pages[0] as PageLayout)).not.toMatch(/\d+ \/ 6/);
    expect(footer(pages[1] as PageLayout)).toMatch(/2 \/ 6/);
  });

  it('leaves a `bg` picture on the web out, keywords and all (its warning says so)', () => {
    const last = pages[5] as PageLayout;
    const text = last.runs.map((run) => run.str).join(' ');
    expect(text).toContain('South plot: four');
    expect(text).not.toMatch(/bg|60%/);
    expect(build.stderr).toContain('https://example.org/harvest.png');
  });
});

describe("Marp's background keywords", () => {
  it('`bg left:40%`: the picture in the left 40%, the words all right of it', () => {
    const split = pages[3] as PageLayout;
    const [picture] = split.images;
    // 40% of the slide inside the brand's 10 pt edge.
    expect(picture?.x).toBeLessThan(12);
    expect(picture?.width).toBeCloseTo(0.4 * 710, -1);
    expect(picture?.height).toBeGreaterThan(400);
    const right = (picture?.x ?? 0) + (picture?.width ?? 0);
    const words = split.runs.filter((run) => run.y > 30);
    expect(words.map((run) => run.str).join(' ')).toContain('South plot: new rootstock');
    for (const run of words) expect(run.x).toBeGreaterThan(right);
  });

  it('`grayscale`, `sepia` and `blur:3px` are applied to the picture, as seen in its pixels', async () => {
    // The picture is red on its left half and green on its right (assets/field.png).
    const grey = await pagePixels(deck, 4);
    for (const [x, y] of [
      [60, 300],
      [230, 300],
    ] as const) {
      const [r, g, b] = grey.at(x, y);
      expect(Math.max(r, g, b) - Math.min(r, g, b), `${x},${y}`).toBeLessThan(8);
    }
    // Sepia turns the red into a brown: red and green close, blue lowest.
    const sepia = await pagePixels(deck, 5, 144);
    const [r, g, b] = sepia.at(120, 300);
    expect(r - g).toBeLessThan(40);
    expect(g).toBeGreaterThan(b);
    // Blurred, the edge between the halves (at 10 + 355 pt) fades over several points; sharp,
    // it would change between two neighbouring pixels.
    const row = Array.from({ length: 40 }, (_, step) => sepia.at(345 + step, 300)[0]);
    const [left = 0, rightEnd = 0] = [row[0], row.at(-1)];
    const between = row.filter(
      (value) => Math.abs(value - left) > 1 && Math.abs(value - rightEnd) > 1,
    );
    expect(between.length).toBeGreaterThanOrEqual(5);
  });
});
