/**
 * Helpers for the deck and handout tests: what a deck should contain, worked out from a fixture's
 * Markdown by counting (never by calling the code under test), and PDF readers that keep what
 * test/helpers.ts drops (text positions, annotation contents, outline destinations).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString, PDFHexString } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parse as parseYaml } from 'yaml';
import { fixturesDir, normalizeSpace } from './helpers.js';

export const deckFixtures = join(fixturesDir, 'deck');

/** The default brief shipped with briefkit, copied into temp folders by the browser tests. */
export const defaultContent = join(fixturesDir, '..', '..', 'content');

export type ExpectedKind =
  'title' | 'agenda' | 'section' | 'key-figure' | 'chart' | 'recommendations' | 'sources';

export interface ExpectedSlide {
  kind: ExpectedKind;
  /** The slide's heading as the reader sees it. */
  title: string;
  /** Speaker notes (whitespace collapsed), when the slide's section has `:::notes`. */
  notes?: string;
  /** 1-based line in brief.md: the section's H2 (the `::chart` line for chart slides). */
  line?: number;
}

export interface ExpectedDeck {
  title: string;
  slides: ExpectedSlide[];
  /** H2 titles in order: what the agenda lists. */
  sectionTitles: string[];
  /** Publishers of cited sources (in no particular order). */
  publishers: string[];
}

interface StatsYaml {
  sources: Record<string, { publisher: string; title: string }>;
  stats: Record<string, { label: string; source: string; featured?: boolean }>;
  series?: Record<string, { label: string; source: string }>;
}

interface MarkdownSection {
  title: string;
  line: number;
  body: string[];
}

/**
 * The slides a brief should give, by counting in its Markdown: title, agenda, a slide per H2
 * (except the one holding `:::recommendations`) followed by one per `::key-figure` and then one
 * per `::chart` in it, the recommendations slide, and one sources slide per five cited sources.
 */
export function expectedDeck(markdown: string, statsText: string): ExpectedDeck {
  const stats = parseYaml(statsText) as StatsYaml;
  const lines = markdown.split('\n');
  const frontEnd = lines.indexOf('---', 1);
  const front = parseYaml(lines.slice(1, frontEnd).join('\n')) as { title: string };

  const sections: MarkdownSection[] = [];
  lines.forEach((text, index) => {
    if (index <= frontEnd) return;
    const heading = /^## (.+)$/.exec(text);
    if (heading) sections.push({ title: heading[1] ?? '', line: index + 1, body: [] });
    else sections.at(-1)?.body.push(text);
  });

  const slides: ExpectedSlide[] = [
    { kind: 'title', title: front.title },
    { kind: 'agenda', title: 'Agenda' },
  ];
  let recommendations: ExpectedSlide | undefined;
  for (const section of sections) {
    const notes = blockText(section.body, 'notes');
    const withNotes = notes === undefined ? {} : { notes };
    if (section.body.some((text) => text.trim() === ':::recommendations')) {
      recommendations = {
        kind: 'recommendations',
        title: section.title,
        line: section.line,
        ...withNotes,
      };
    } else {
      slides.push({ kind: 'section', title: section.title, line: section.line, ...withNotes });
    }
    // A section's big-number and chart slides follow it, in the order they are written.
    section.body.forEach((text, index) => {
      const figure = /^::key-figure\{stat=([\w-]+)\}\s*$/.exec(text);
      if (figure) {
        const stat = stats.stats[figure[1] ?? ''];
        if (!stat) throw new Error(`fixture cites unknown stat ${figure[1]}`);
        slides.push({ kind: 'key-figure', title: stat.label, line: section.line });
        return;
      }
      const chart = /^::chart\{(.*)\}\s*$/.exec(text);
      if (!chart) return;
      const attributes = chart[1] ?? '';
      const seriesId = /(?:^|\s)series=([\w-]+)/.exec(attributes)?.[1] ?? '';
      const series = stats.series?.[seriesId];
      if (!series) throw new Error(`fixture charts unknown series ${seriesId}`);
      const title = /(?:^|\s)title="([^"]*)"/.exec(attributes)?.[1] ?? series.label;
      slides.push({ kind: 'chart', title, line: section.line + 1 + index });
    });
  }
  if (recommendations) slides.push(recommendations);

  const cited = new Set(
    [...markdown.matchAll(/:stat\[([\w-]+)\]|::key-figure\{stat=([\w-]+)\}/g)].map(
      (match) => match[1] ?? match[2] ?? '',
    ),
  );
  for (const [id, stat] of Object.entries(stats.stats)) if (stat.featured) cited.add(id);
  const sourceIds = new Set(
    [...cited].map((id) => {
      const stat = stats.stats[id];
      if (!stat) throw new Error(`fixture cites unknown stat ${id}`);
      return stat.source;
    }),
  );
  // `:cite[a, b]` cites sources directly.
  for (const match of markdown.matchAll(/:cite\[([^\]]*)\]/g)) {
    for (const id of (match[1] ?? '').split(',')) sourceIds.add(id.trim());
  }
  for (const match of markdown.matchAll(/^::chart\{.*?\bseries=([\w-]+)/gm)) {
    const series = stats.series?.[match[1] ?? ''];
    if (series) sourceIds.add(series.source);
  }
  const sourceSlides = Math.ceil(sourceIds.size / 5);
  for (let index = 1; index <= sourceSlides; index++)
    slides.push({ kind: 'sources', title: sourceSlides > 1 ? `Sources (${index})` : 'Sources' });

  return {
    title: front.title,
    slides,
    sectionTitles: sections.map((section) => section.title),
    publishers: [...sourceIds].map((id) => stats.sources[id]?.publisher ?? `?${id}`),
  };
}

/** The text of a `:::name` … `:::` block in a section, whitespace collapsed; plain text only. */
function blockText(body: readonly string[], name: string): string | undefined {
  const start = body.findIndex((text) => text.trim() === `:::${name}`);
  if (start < 0) return undefined;
  const end = body.findIndex((text, index) => index > start && text.trim() === ':::');
  return normalizeSpace(body.slice(start + 1, end).join(' '));
}

/** A fixture brief's files, read as text. */
export async function readFixtureBrief(
  contentDir: string,
  id: string,
): Promise<{ markdown: string; stats: string }> {
  const [markdown, stats] = await Promise.all([
    readFile(join(contentDir, id, 'brief.md'), 'utf8'),
    readFile(join(contentDir, id, 'stats.yaml'), 'utf8'),
  ]);
  return { markdown, stats };
}

/** One piece of text on a page, where pdf.js places it (PDF points, origin bottom-left). */
export interface PlacedText {
  str: string;
  x: number;
  y: number;
  /** Font size in points (the text matrix's vertical scale). */
  size: number;
}

export interface PageAnnotation {
  subtype: string;
  contents: string;
  /** PDF annotation flags (bit 3, value 4, is Print). */
  flags: number;
}

export interface ReadPage {
  items: PlacedText[];
  /** Every text item on its own line, so words of separate items never run together. */
  text: string;
  /** `text` with whitespace collapsed: for substring checks across line breaks. */
  flat: string;
  annotations: PageAnnotation[];
}

/** Reads every page's text (with positions) and annotations with pdf.js, as a viewer would. */
export async function readPages(bytes: Uint8Array): Promise<ReadPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: ReadPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const items: PlacedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const transform = item.transform as number[];
        items.push({
          str: item.str,
          x: transform[4] ?? 0,
          y: transform[5] ?? 0,
          size: Math.hypot(transform[2] ?? 0, transform[3] ?? 0),
        });
      }
      const text = items.map((item) => item.str).join('\n');
      const raw = (await page.getAnnotations()) as {
        subtype: string;
        contentsObj?: { str?: string };
        annotationFlags?: number;
      }[];
      const annotations = raw.map((annotation) => ({
        subtype: annotation.subtype,
        contents: annotation.contentsObj?.str ?? '',
        flags: annotation.annotationFlags ?? 0,
      }));
      pages.push({ items, text, flat: normalizeSpace(text), annotations });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

export interface OutlineItem {
  title: string;
  /** 0-based index of the page the entry's destination names, or -1 when it names none. */
  page: number;
}

/** The top-level outline (bookmarks): catalog /Outlines → /First → /Next …, with destinations. */
export function outlineOf(pdf: PDFDocument): OutlineItem[] {
  const root = pdf.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!root) return [];
  const pageRefs = pdf.getPages().map((page) => page.ref.toString());
  const items: OutlineItem[] = [];
  const seen = new Set<string>();
  let ref = root.get(PDFName.of('First'));
  while (ref instanceof PDFRef && !seen.has(ref.toString())) {
    seen.add(ref.toString());
    const item = pdf.context.lookup(ref, PDFDict);
    const title = item.lookup(PDFName.of('Title'));
    const dest = item.lookupMaybe(PDFName.of('Dest'), PDFArray);
    const target = dest?.get(0);
    items.push({
      title: title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '',
      page: target instanceof PDFRef ? pageRefs.indexOf(target.toString()) : -1,
    });
    ref = item.get(PDFName.of('Next'));
  }
  return items;
}

/** Whether any object in the PDF is an image XObject (a stream whose dict has /Subtype /Image). */
export function hasImageXObject(pdf: PDFDocument): boolean {
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : (object as { dict?: unknown }).dict;
    if (dict instanceof PDFDict && dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
      return true;
  }
  return false;
}

export const loadPdf = (bytes: Uint8Array): Promise<PDFDocument> =>
  PDFDocument.load(bytes, { updateMetadata: false });

/** The 1-based line of the first line of `text` that `pattern` matches. */
export function lineOf(text: string, pattern: RegExp): number {
  const index = text.split('\n').findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line matches ${pattern}`);
  return index + 1;
}
