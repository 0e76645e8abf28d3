import type { Element, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { SlideBreaks } from '../slide-breaks.js';
import { headingDepth } from '../section-level.js';
import type { SlideChunk, SlideLook } from './brief.js';
import { takeBackground } from './slide-background.js';
import { applyDirectives, readDirective } from './slide-directives.js';

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
  },
): SlideChunk[] {
  const bounds = [breaks.start, ...breaks.lines];
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

    const heading = chunkNodes.find((node) => headingDepth(node.tagName) !== undefined);
    const notesBlocks = chunkNodes.filter(options.isNotes);
    const { nodes: shown, background } = takeBackground(
      chunkNodes.filter(
        (node) => node !== heading && !notesBlocks.includes(node) && !isCallout(node),
      ),
      options.ignored,
    );
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
    });
  });
  return chunks;
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
