import { deflateSync, inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFFlateStream,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFDocument,
} from 'pdf-lib';
import { readOperators, type ContentOperator } from './content-operators.js';

const textShows = new Set(['Tj', 'TJ', "'", '"']);
const pathStarts = new Set(['m', 're']);
const pathPaints = new Set(['f', 'F', 'f*', 'S', 's', 'B', 'B*', 'b', 'b*']);

/**
 * Chromium tags what the page's accessibility tree holds and leaves the rest unmarked: running
 * headers and footers from `@page` margin boxes, rules, backgrounds, list numbers. PDF/UA asks that
 * every painted thing be either tagged content or an artifact, so each unmarked graphics object
 * is wrapped in `/Artifact BMC … EMC`, the pages' own bytes otherwise untouched.
 */
export function markArtifacts(pdf: PDFDocument): void {
  // Chromium shares streams between pages: the old ones are dropped once every page is done.
  const replaced = new Set<PDFRef>();
  for (const page of pdf.getPages()) {
    const entry = page.node.get(PDFName.of('Contents'));
    const contents = pdf.context.lookup(entry);
    const streams = contents instanceof PDFArray ? contents.asArray() : [entry];
    const parts = streams.map((ref) => {
      const stream = pdf.context.lookup(ref);
      // Chromium's streams as printed; pdf-lib's own for what was drawn since (imposed slides).
      if (stream instanceof PDFRawStream) return decodeStream(stream);
      if (stream instanceof PDFFlateStream) return stream.getUnencodedContents();
      return undefined;
    });
    if (parts.length === 0 || parts.some((part) => part === undefined)) continue;
    // The streams of one page are read as one, as if separated by white space.
    const bytes = concat(parts as Uint8Array[], 1);
    const ranges = unmarkedRanges(readOperators(bytes));
    if (ranges.length === 0) continue;
    const marked = wrap(bytes, ranges);
    // Node's zlib, not pdf-lib's JavaScript deflate: this runs on every page of every PDF.
    const stream = pdf.context.stream(deflateSync(marked), { Filter: 'FlateDecode' });
    page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
    for (const ref of streams) if (ref instanceof PDFRef) replaced.add(ref);
  }
  for (const ref of replaced) pdf.context.delete(ref);
}

/** Chromium's content streams are Flate only; anything else goes through pdf-lib's decoders. */
function decodeStream(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  const parms = stream.dict.get(PDFName.of('DecodeParms'));
  if (filter === PDFName.of('FlateDecode') && parms === undefined)
    return inflateSync(stream.contents);
  return decodePDFRawStream(stream).decode();
}

/**
 * Byte ranges of graphics objects painted outside any marked-content sequence. Neighbours with
 * nothing marked between them share one range (a footer's pieces stay one run of text for
 * readers), as long as the range keeps `q`/`Q` and text objects properly nested.
 */
export function unmarkedRanges(operators: readonly ContentOperator[]): [number, number][] {
  const ranges: { start: number; end: number; level: number }[] = [];
  let depth = 0;
  let level = 0; // graphics-state nesting (q/Q)
  let joinable = false;
  const add = (start: number, end: number) => {
    const last = ranges.at(-1);
    if (last && joinable && last.level === level) last.end = end;
    else ranges.push({ start, end, level });
    joinable = true;
  };
  // A text object wholly unmarked is wrapped whole; otherwise each unmarked show is.
  let text: { start: number; marked: boolean; shows: [number, number][] } | undefined;
  let pathStart: number | undefined;
  let inlineImage: number | undefined;
  for (const { name, start, end } of operators) {
    if (name === 'BMC' || name === 'BDC' || name === 'EMC') {
      depth = Math.max(0, depth + (name === 'EMC' ? -1 : 1));
      if (text) text.marked = true;
      joinable = false;
    } else if (name === 'q') {
      level++;
    } else if (name === 'Q') {
      level--;
      if (level < (ranges.at(-1)?.level ?? 0)) joinable = false;
    } else if (name === 'BT') {
      text = { start, marked: depth > 0, shows: [] };
    } else if (name === 'ET' && text) {
      if (!text.marked && text.shows.length > 0) add(text.start, end);
      else {
        // Inside a partly marked text object, each unmarked show is wrapped on its own.
        for (const [from, to] of text.shows) {
          joinable = false;
          add(from, to);
        }
        joinable = false;
      }
      text = undefined;
    } else if (textShows.has(name)) {
      if (text && depth === 0) text.shows.push([start, end]);
    } else if (pathStarts.has(name)) {
      pathStart ??= depth === 0 ? start : -1;
    } else if (pathPaints.has(name) || name === 'n') {
      if (name !== 'n' && pathStart !== undefined && pathStart >= 0 && depth === 0)
        add(pathStart, end);
      pathStart = undefined;
    } else if ((name === 'Do' || name === 'sh') && depth === 0) {
      add(start, end);
    } else if (name === 'BI') {
      inlineImage = depth === 0 ? start : undefined;
    } else if (name === 'EI' && inlineImage !== undefined) {
      add(inlineImage, end);
      inlineImage = undefined;
    }
  }
  return ranges.map(({ start, end }) => [start, end]);
}

const open = new TextEncoder().encode('/Artifact BMC\n');
const close = new TextEncoder().encode('\nEMC');

function wrap(bytes: Uint8Array, ranges: readonly [number, number][]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    chunks.push(bytes.subarray(at, start), open, bytes.subarray(start, end), close);
    at = end;
  }
  chunks.push(bytes.subarray(at));
  return concat(chunks, 0);
}

function concat(parts: readonly Uint8Array[], gap: 0 | 1): Uint8Array {
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length + gap, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
    if (gap) joined[at++] = 0x0a;
  }
  return joined;
}
