import type { Element, Root, RootContent } from 'hast';
import { parse } from 'yaml';
import { toString } from 'hast-util-to-string';
import type { SlideBreaks } from '../slide-breaks.js';
import { headingDepth } from '../section-level.js';
import type { SlideChunk, SlideLook } from './brief.js';
import { takeBackground } from './slide-background.js';
import { applyDirectives, readDirective } from './slide-directives.js';
import { showsAnything, sizeImages, webPicturePlaceholder, webPictures } from './slide-images.js';

/** Marp's local directives its front matter may hold that this deck follows (the others are
 * reported by the front matter's reader). */
const frontDirectives = new Set([
  'paginate',
  'header',
  'footer',
  'class',
  'backgroundColor',
  'color',
]);
/** Slidev's layouts that centre a slide. */
const leadLayouts = new Set([
  'cover',
  'center',
  'intro',
  'section',
  'end',
  'statement',
  'fact',
  'quote',
]);

/**
 * The slides of a slide document, one per `---` chunk in order: its first heading is the title
 * (the first chunk's removed title H1 gives the document's title), the rest as written is the
 * body. Comments that are not Marp directives, and `:::notes`, are the speaker notes; directives
 * and Slidev's per-slide front matter set the slide's look where they mean something here, and
 * are otherwise dropped, never printed. Chunks with nothing in them (a trailing `---`) give none.
 */
export function slideChunks(
  nodes: readonly Element[],
  breaks: SlideBreaks,
  options: {
    title: string;
    titleLine: number | undefined;
    frontMatter: Record<string, unknown>;
    isNotes: (node: Element) => boolean;
    /** Directives and `bg` keywords that mean nothing here, as written, for one info line. */
    ignored: string[];
    /** The line under a picture on the web that stands in for it (labels.webPicture). */
    webPicture: string;
  },
): SlideChunk[] {
  const levels = dividerLevels(options.frontMatter, breaks.comments, options.ignored);
  const bounds = [
    breaks.start,
    ...[...breaks.lines, ...headingBreaks(nodes, breaks, levels, options.titleLine)].sort(
      (a, b) => a - b,
    ),
  ];
  const chunkOf = (line: number): number => {
    let index = 0;
    while (index + 1 < bounds.length && line >= (bounds[index + 1] ?? Infinity)) index++;
    return index;
  };
  const grouped: Element[][] = bounds.map(() => []);
  let last = 0;
  for (const node of nodes) {
    const line = node.position?.start.line;
    if (line !== undefined && breaks.lines.includes(line) && node.tagName === 'hr') continue;
    last = line === undefined ? last : chunkOf(line);
    grouped[last]?.push(node);
  }
  const commentsOf = bounds.map((): string[] => []);
  for (const comment of breaks.comments) commentsOf[chunkOf(comment.line)]?.push(comment.text);

  // Marp's local directives in the front matter apply from the first slide on.
  const carried: SlideLook = {};
  applyDirectives(carried, pick(options.frontMatter, frontDirectives), options.ignored);

  const chunks: SlideChunk[] = [];
  grouped.forEach((chunkNodes, index) => {
    const comments = commentsOf[index] ?? [];
    const start = bounds[index] ?? 1;
    const end = bounds[index + 1] ?? Infinity;
    const holdsTitle =
      options.titleLine !== undefined && options.titleLine >= start && options.titleLine < end;
    if (chunkNodes.length === 0 && comments.length === 0 && !holdsTitle) return;
    const only: SlideLook = {};
    // `_name` in the front matter: the first slide's only (Marp's `_paginate: false`).
    if (chunks.length === 0) applyDirectives(only, spotsOf(options.frontMatter), options.ignored);
    const notes: string[] = [];
    for (const text of comments) {
      if (text === 'fit') only.fit = true;
      else if (!readDirective(text, carried, only, options.ignored)) notes.push(text);
    }
    const matter = breaks.matter.get(bounds[index] ?? -1);
    if (typeof matter?.layout === 'string' && leadLayouts.has(matter.layout)) only.lead = true;

    const first = chunkNodes.find((node) => headingDepth(node.tagName) !== undefined);
    // The document's title H1 (taken out of the body) comes before any other heading here: it
    // is the slide's title, and a heading after it stays in the body, as Marp shows it.
    const titleFirst =
      holdsTitle && (options.titleLine ?? 0) < (first?.position?.start.line ?? Infinity);
    const heading = titleFirst ? undefined : first;
    const notesBlocks = chunkNodes.filter(options.isNotes);
    const taken = takeBackground(
      chunkNodes.filter(
        (node) => node !== heading && !notesBlocks.includes(node) && !isCallout(node),
      ),
      options.ignored,
    );
    const { background } = taken;
    let shown = sizeImages(taken.nodes, options.ignored);
    // A slide whose only picture is on the web shows what it was, never nothing.
    const [web] = [...taken.web, ...webPictures(shown)];
    const webOnly = !background && web !== undefined && !showsAnything(shown);
    if (webOnly) shown = [webPicturePlaceholder(web, options.webPicture)];
    const notesText = [...notes, ...notesBlocks.map((node) => toString(node).trim())]
      .map((text) => text.replace(/[ \t]*\n[ \t]*/g, '\n').trim())
      .filter(Boolean);
    const place = chunkNodes[0]?.position?.start ?? { line: start, column: 1 };
    const title = heading ? toString(heading).trim() : holdsTitle ? options.title : '';
    chunks.push({
      title,
      heading: heading && { type: 'root', children: [...heading.children] },
      notes: notesText.length > 0 ? notesTree(notesText) : undefined,
      notesText: notesText.length > 0 ? notesText.join('\n\n') : undefined,
      slidePages: shown.length > 0 ? [root(shown)] : [],
      slideBlock: { line: place.line, column: place.column },
      callouts: [],
      line: place.line,
      column: place.column,
      look: { ...carried, ...only, ...(background ? { background: background.look } : {}) },
      background: background && root([background.image]),
      nodes: chunkNodes,
      ...(webOnly ? { webOnly: web.src } : {}),
    });
  });
  return chunks;
}

/**
 * Marp's `headingDivider` (front matter, or a comment anywhere: the last one written wins): the
 * heading levels that start a new slide. `2` is H1 and H2; `[1, 3]` H1 and H3 only; `false`
 * none. A value Marp would not read is reported as ignored.
 */
function dividerLevels(
  frontMatter: Record<string, unknown>,
  comments: SlideBreaks['comments'],
  ignored: string[],
): number[] {
  const values: unknown[] = [];
  if ('headingDivider' in frontMatter) values.push(frontMatter.headingDivider);
  for (const comment of comments) {
    if (!/^\s*headingDivider\s*:/m.test(comment.text)) continue;
    try {
      const read: unknown = parse(comment.text);
      if (read && typeof read === 'object' && 'headingDivider' in read)
        values.push((read as Record<string, unknown>).headingDivider);
    } catch {
      // Not YAML: a speaker note that happens to start so.
    }
  }
  let levels: number[] = [];
  for (const value of values) {
    const level = (item: unknown) =>
      Number.isInteger(item) && Number(item) >= 1 && Number(item) <= 6;
    if (value === false) levels = [];
    else if (level(value)) levels = Array.from({ length: Number(value) }, (_, index) => index + 1);
    else if (Array.isArray(value) && value.length > 0 && value.every(level))
      levels = value.map(Number);
    else ignored.push(`headingDivider: ${JSON.stringify(value)}`);
  }
  return levels;
}

/**
 * Lines where `headingDivider` starts a slide: each heading of those levels, unless nothing
 * shows before it on its slide yet (the deck's start, right after a `---`, or after only
 * comments), where Marp's split would leave an empty slide.
 */
function headingBreaks(
  nodes: readonly Element[],
  breaks: SlideBreaks,
  levels: readonly number[],
  titleLine: number | undefined,
): number[] {
  if (levels.length === 0) return [];
  // What each line shows: a heading's depth, 0 for anything else (the removed title H1 shows).
  const shows: [line: number, depth: number][] = nodes.flatMap((node): [number, number][] => {
    const line = node.position?.start.line;
    if (line === undefined || (node.tagName === 'hr' && breaks.lines.includes(line))) return [];
    return [[line, headingDepth(node.tagName) ?? 0]];
  });
  if (titleLine !== undefined) shows.push([titleLine, 0]);
  shows.sort((a, b) => a[0] - b[0]);
  const found: number[] = [];
  let shown = false;
  let last = breaks.start;
  for (const [line, depth] of shows) {
    if (breaks.lines.some((at) => at > last && at < line)) shown = false;
    last = line;
    if (depth > 0 && levels.includes(depth) && shown) found.push(line);
    shown = true;
  }
  return found;
}

function spotsOf(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => key.startsWith('_') && frontDirectives.has(key.slice(1)))
      .map(([key, value]) => [key.slice(1), value]),
  );
}

function pick(values: Record<string, unknown>, keys: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => keys.has(key)));
}

/** A `::chart` or `::key-figure`: each gets a slide of its own after the chunk's. */
function isCallout(node: Element): boolean {
  return (
    node.tagName === 'figure' && ('dataChart' in node.properties || 'dataStat' in node.properties)
  );
}

function notesTree(paragraphs: readonly string[]): Root {
  return root(
    paragraphs.map((text): Element => ({
      type: 'element',
      tagName: 'p',
      properties: {},
      children: [{ type: 'text', value: text }],
    })),
  );
}

function root(children: readonly (RootContent | Element)[]): Root {
  return { type: 'root', children: [...children] as RootContent[] };
}
