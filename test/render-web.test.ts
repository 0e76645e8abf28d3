/**
 * brief.html, the web edition, as a reader with a phone, a screen reader or no network meets
 * it: one file that loads nothing and runs nothing, the brief's words and charts, and zero
 * WCAG 2.1 AA violations from axe-core in the real browser at phone and desktop widths.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Browser } from 'puppeteer-core';
import { visit } from 'unist-util-visit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultContent } from './deck-helpers.js';
import { makeTempDir, pdfText, removeDir, repoRoot, runCli, sourceDateEpoch } from './helpers.js';
import { launchBrowser } from './preview-helpers.js';

const axeSource = await readFile(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const widths = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
];
const corpusContent = join(repoRoot, 'test', 'fixtures', 'corpus', 'content');
const corpusBriefs = (await readdir(corpusContent, { withFileTypes: true }))
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

let temp: string;
let html: string;
let briefPdfText: string;
let browser: Browser;
let page: string;

beforeAll(async () => {
  temp = await makeTempDir('web');
  const result = await runCli(
    ['build', 'mexico-us', '--content', defaultContent, '--out', temp, '--format', 'brief,web'],
    { env },
  );
  expect(result.code, result.stderr).toBe(0);
  page = join(temp, 'mexico-us', 'brief.html');
  html = await readFile(page, 'utf8');
  briefPdfText = (await pdfText(await readFile(join(temp, 'mexico-us', 'brief.pdf')))).join(' ');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await removeDir(temp);
});

describe('brief.html, the web edition', () => {
  it('is one file: no stylesheet, font, image or script to fetch, and no script at all', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link[^>]+rel="?stylesheet/i);
    expect(html).not.toMatch(/(src|href)="file:/i);
    // A data: URL may be quoted (url("data:…")); anything else would be fetched.
    expect(html).not.toMatch(/url\((?!['"]?data:)[^)]*\)/i);
    expect(html).toMatch(
      /@font-face\s*\{[^}]*font-family:\s*'Source Serif 4'[^}]*url\(data:font\/woff2;base64,/,
    );
  });

  it('carries only the font faces its text uses (no Cyrillic, Greek or Vietnamese files)', () => {
    const faces = html.match(/@font-face\s*\{[^}]*\}/g) ?? [];
    expect(faces.length).toBeGreaterThan(0);
    for (const face of faces) expect(face).not.toMatch(/U\+0400-045F|U\+0370-0377|U\+1EA0-1EF9/);
  });

  it('says its language, has one H1, and draws charts as inline SVG named by their description', () => {
    expect(html).toMatch(/<html lang="en-US"/);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    const charts = html.match(/<svg[^>]*role="img"[^>]*aria-label="[^"]*chart[^"]*"/gi) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('has the words of the printed brief', () => {
    const text = html
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    const printed = briefPdfText.replace(/\s+/g, ' ');
    for (const phrase of ['Treaty of Guadalupe Hidalgo', '$661.2 billion', 'Bracero Program']) {
      expect(printed).toContain(phrase);
      expect(text).toContain(phrase);
    }
  });

  it.each(widths)(
    'passes axe-core’s WCAG 2.1 AA rules at $name width ($width px)',
    async (size) => {
      expect(await axeViolations(page, size)).toEqual([]);
    },
    120_000,
  );
});

describe('the corpus’s web editions (documents written for other tools)', () => {
  let corpusOut: string;
  beforeAll(async () => {
    corpusOut = join(temp, 'corpus');
    const result = await runCli(
      ['build', '--content', corpusContent, '--out', corpusOut, '--format', 'web'],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
  }, 240_000);

  it('gives a screen reader the notes once, and links back from each note in the document’s language', async () => {
    const tree = fromHtml(await readFile(join(corpusOut, 'arabic-brief', 'brief.html'), 'utf8'));
    const headings: string[] = [];
    const backLinks: { label: string; target: string }[] = [];
    const ids = new Set<string>();
    const described: string[] = [];
    visit(tree, 'element', (node) => {
      const { id, ariaLabel, href, ariaDescribedBy } = node.properties;
      if (typeof id === 'string') ids.add(id);
      if (/^h[1-6]$/.test(node.tagName)) headings.push(toString(node));
      if ('dataFootnoteBackref' in node.properties)
        backLinks.push({ label: String(ariaLabel), target: String(href).slice(1) });
      if (Array.isArray(ariaDescribedBy)) described.push(...ariaDescribedBy.map(String));
    });
    expect(headings.filter((text) => text === 'ملاحظات')).toHaveLength(1);
    expect(backLinks.length).toBeGreaterThanOrEqual(1);
    for (const link of backLinks) {
      expect(link.label).toMatch(/^العودة إلى الإحالة \d+$/);
      expect(ids).toContain(link.target);
    }
    expect(described.length).toBeGreaterThanOrEqual(1);
    for (const id of described) expect(ids).toContain(id);
  });

  it('carries only the Chinese glyphs the page uses, cut from the Noto Sans SC files', async () => {
    const html = await readFile(join(corpusOut, 'chinese-guide', 'brief.html'), 'utf8');
    const faces = [...html.matchAll(/@font-face\s*\{[^}]*\}/g)].map(([face]) => face);
    const han = faces.filter((face) => face.includes("'Noto Sans SC'"));
    expect(han.length).toBeGreaterThan(0);
    // Each face a subset made for this page, as WOFF2; none a whole @fontsource file.
    for (const face of han) expect(face).toMatch(/src:\s*url\(data:font\/woff2;base64,/);
    const bytes = han.reduce((sum, face) => sum + face.length, 0);
    // The whole range files came to 2.6 MB for this page; the cut faces as plain fonts to
    // 214 KB, as WOFF2 to 155 KB.
    expect(bytes).toBeLessThan(180_000);
  });

  it.each(corpusBriefs)(
    '%s passes axe-core’s WCAG 2.1 AA rules at phone and desktop widths, loading nothing',
    async (id) => {
      const file = join(corpusOut, id, 'brief.html');
      for (const size of widths)
        expect([size.name, await axeViolations(file, size)]).toEqual([size.name, []]);
    },
    120_000,
  );
});

/**
 * axe-core's WCAG 2.1 AA violations on a web edition opened from disk at one viewport size;
 * the page may fetch nothing and may not scroll sideways.
 */
async function axeViolations(
  file: string,
  { width, height }: { width: number; height: number },
): Promise<string[]> {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ width, height });
    // Nothing on the page may reach the network.
    await tab.setRequestInterception(true);
    const requested: string[] = [];
    const own = pathToFileURL(file).href;
    tab.on('request', (request) => {
      const url = request.url();
      const allowed = url.startsWith('data:') || url === own;
      if (!allowed) requested.push(url);
      void (allowed ? request.continue() : request.abort());
    });
    await tab.goto(own, { waitUntil: 'load' });
    expect(requested).toEqual([]);
    // No horizontal scrolling: the column fits the screen.
    const overflow = await tab.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await tab.addScriptTag({ content: axeSource });
    const result = (await tab.evaluate(() =>
      (
        globalThis as unknown as {
          axe: { run: (context: unknown, options: unknown) => Promise<unknown> };
        }
      ).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] };
    return result.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')})`,
    );
  } finally {
    await tab.close();
  }
}
