/**
 * A slide that shows one short list fills the room: in the default deck, each slide whose
 * `:::slide` is a list and nothing else spreads its items down the slide (up to 2.6 lines each)
 * under a title that stays in its place, at the same sizes (body 21 pt, titles 27 pt); deck.pptx
 * spaces the same lists alike. Read back from deck.pdf and deck.pptx as the CLI writes them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContent } from './deck-helpers.js';
import { readLayout, type PageLayout } from './pdf-layout.js';
import { makeTempDir, removeDir, runCli, sourceDateEpoch, type CliResult } from './helpers.js';

const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };

let out: string;
let build: CliResult;
let pages: PageLayout[];
let zip: JSZip;
/** The sections whose `:::slide` is one list and nothing else: title and item count. */
let listSlides: { title: string; items: number }[];

beforeAll(async () => {
  out = await makeTempDir('deck-lists');
  build = await runCli(
    ['build', 'mexico-us', '--content', defaultContent, '--out', out, '--format', 'deck,pptx'],
    { env },
  );
  pages = await readLayout(await readFile(join(out, 'mexico-us', 'deck.pdf')));
  zip = await JSZip.loadAsync(await readFile(join(out, 'mexico-us', 'deck.pptx')));
  const markdown = await readFile(join(defaultContent, 'mexico-us', 'brief.md'), 'utf8');
  listSlides = [...markdown.matchAll(/^## (.+)\n[\s\S]*?^:::slide\n((?:- .*\n)+):::$/gm)].map(
    ([, title = '', list = '']) => ({ title, items: list.trim().split('\n').length }),
  );
}, 170_000);
afterAll(() => removeDir(out));

/** The page whose 27 pt title is `title`. */
const pageOf = (title: string): PageLayout => {
  const page = pages.find((candidate) =>
    candidate.runs.some((run) => Math.abs(run.size - 27) < 0.5 && run.str === title),
  );
  if (!page) throw new Error(`no slide titled ${title}`);
  return page;
};

/** Baselines of the body's lines at 21 pt, top to bottom. */
const bodyLines = (page: PageLayout): number[] =>
  [
    ...new Set(
      page.runs.filter((run) => Math.abs(run.size - 21) < 0.5).map((run) => Math.round(run.y)),
    ),
  ].sort((a, b) => b - a);

describe('a slide of one short list', () => {
  it('is found in the default deck, which builds', () => {
    expect(build.code, build.stderr).toBe(0);
    expect(listSlides.length).toBeGreaterThanOrEqual(4);
  });

  it('spreads its items down the slide, 2.6 lines apart, at 21 pt under a 27 pt title', () => {
    for (const { title, items } of listSlides) {
      const page = pageOf(title);
      const lines = bodyLines(page);
      // One line an item: each item is its own baseline.
      expect(lines, title).toHaveLength(items);
      for (let index = 1; index < lines.length; index++) {
        const pitch = (lines[index - 1] ?? 0) - (lines[index] ?? 0);
        expect(pitch, title).toBeGreaterThan(2.5 * 21);
        expect(pitch, title).toBeLessThan(2.7 * 21);
      }
      // The title stays at the top, the first item right under it.
      const heading = page.runs.find((run) => run.str === title);
      expect(page.height - (heading?.y ?? 0)).toBeLessThan(70);
      expect((heading?.y ?? 0) - (lines[0] ?? 0)).toBeLessThan(2 * 27);
      // A list of four reaches past the middle of the 405 pt slide.
      if (items >= 4) expect(lines.at(-1)).toBeLessThan(page.height / 2);
    }
  });

  it('is spaced alike in deck.pptx: the gap after each item is the room left of 2.6 lines', async () => {
    for (const { title } of listSlides) {
      const names = Object.keys(zip.files).filter((name) =>
        /^ppt\/slides\/slide\d+\.xml$/.test(name),
      );
      let xml = '';
      for (const name of names) {
        const text = (await zip.file(name)?.async('string')) ?? '';
        if (text.includes(`<a:t>${title}</a:t>`)) xml = text;
      }
      expect(xml, title).not.toBe('');
      // The body placeholder's paragraphs: each item's space after, in points.
      const body = /<p:sp>(?:(?!<\/p:sp>)[\s\S])*?type="body"[\s\S]*?<\/p:sp>/.exec(xml)?.[0] ?? '';
      const after = [...body.matchAll(/<a:spcAft><a:spcPts val="(\d+)"\/><\/a:spcAft>/g)].map(
        (match) => Number(match[1]) / 100,
      );
      expect(after.length, title).toBeGreaterThan(0);
      // 2.6 lines of 21 pt less one line of 1.35: about 26 pt, where other text has 9.45.
      for (const space of after) expect(space, title).toBeGreaterThan(20);
    }
  });
});
