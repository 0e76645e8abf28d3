import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * How wide a line of chart text is, in em of Source Sans 3 Regular (the face charts are drawn
 * in): the advance widths of its glyphs, read once from the WOFF files @fontsource ships (their
 * `cmap` and `hmtx` tables), the Latin subset first and the others only when a character is not
 * in it. Kerning is left out (it narrows a line by a percent or two); a character in none of the
 * files counts a full em when it is East Asian wide, else 0.6 em.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += advance(character.codePointAt(0) ?? 0);
  return width;
}

const face = 'source-sans-3';
let files: string[] | undefined;
const faces: ((code: number) => number | undefined)[] = [];
const widths = new Map<number, number>();

function advance(code: number): number {
  let found = widths.get(code);
  if (found !== undefined) return found;
  for (const face of faces) if ((found ??= face(code)) !== undefined) break;
  // Subsets are read in order until one maps the character (most text needs only the first).
  while (found === undefined && (files ??= subsetFiles()).length > 0) {
    readFace(files.shift() ?? '');
    found = faces.at(-1)?.(code);
  }
  found ??= isWide(code) ? 1 : 0.6;
  widths.set(code, found);
  return found;
}

/** The regular face's WOFF files, Latin first (named, not listed: a folder of 224 files). */
function subsetFiles(): string[] {
  const require = createRequire(import.meta.url);
  // The stylesheet the pages load (src/render/choose-fonts.ts): already resolved in a build.
  const dir = join(dirname(require.resolve(`@fontsource/${face}/400.css`)), 'files');
  return ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'].map(
    (subset) => join(dir, `${face}-${subset}-400-normal.woff`),
  );
}

/** Adds a WOFF (1.0) file's face: its characters' widths in em are looked up as asked for. */
function readFace(path: string): void {
  let woff: Buffer;
  try {
    woff = readFileSync(path);
  } catch {
    return; // a subset a later @fontsource release no longer ships
  }
  const tables = new Map<string, Buffer>();
  const count = woff.readUInt16BE(12);
  for (let index = 0; index < count; index++) {
    const entry = 44 + index * 20;
    const tag = woff.toString('latin1', entry, entry + 4);
    if (!['head', 'hhea', 'hmtx', 'cmap'].includes(tag)) continue;
    const offset = woff.readUInt32BE(entry + 4);
    const stored = woff.subarray(offset, offset + woff.readUInt32BE(entry + 8));
    // A table is zlib-compressed when that makes it smaller than its original length.
    tables.set(tag, stored.length < woff.readUInt32BE(entry + 12) ? inflateSync(stored) : stored);
  }
  const [head, hhea, hmtx, cmap] = ['head', 'hhea', 'hmtx', 'cmap'].map((tag) => tables.get(tag));
  if (!head || !hhea || !hmtx || !cmap) return;
  const unitsPerEm = head.readUInt16BE(18);
  const metrics = hhea.readUInt16BE(34);
  const glyphOf = glyphLookup(cmap);
  faces.push((code) => {
    const glyph = glyphOf(code);
    return glyph ? hmtx.readUInt16BE(4 * Math.min(glyph, metrics - 1)) / unitsPerEm : undefined;
  });
}

/** Code point → glyph (0: none) from a `cmap`'s Unicode subtable (format 12, else format 4). */
function glyphLookup(cmap: Buffer): (code: number) => number {
  const subtables = Array.from({ length: cmap.readUInt16BE(2) }, (_, index) =>
    cmap.readUInt32BE(4 + index * 8 + 4),
  );
  const format = (offset: number) => cmap.readUInt16BE(offset);
  const long = subtables.find((offset) => format(offset) === 12);
  if (long !== undefined) {
    const groups = cmap.readUInt32BE(long + 12);
    return (code) => {
      for (let index = 0; index < groups; index++) {
        const group = long + 16 + index * 12;
        const start = cmap.readUInt32BE(group);
        if (code >= start && code <= cmap.readUInt32BE(group + 4))
          return cmap.readUInt32BE(group + 8) + code - start;
      }
      return 0;
    };
  }
  const short = subtables.find((offset) => format(offset) === 4);
  if (short === undefined) return () => 0;
  const segments = cmap.readUInt16BE(short + 6) / 2;
  const ends = short + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  return (code) => {
    for (let segment = 0; segment < segments; segment++) {
      if (code > cmap.readUInt16BE(ends + 2 * segment)) continue;
      const start = cmap.readUInt16BE(starts + 2 * segment);
      if (code < start) return 0;
      const delta = cmap.readInt16BE(deltas + 2 * segment);
      const rangeOffset = cmap.readUInt16BE(rangeOffsets + 2 * segment);
      if (rangeOffset === 0) return (code + delta) & 0xffff;
      const glyph = cmap.readUInt16BE(
        rangeOffsets + 2 * segment + rangeOffset + 2 * (code - start),
      );
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/** East Asian wide characters (CJK, kana, Hangul, full-width forms): a full em each. */
const isWide = (code: number): boolean =>
  (code >= 0x1100 && code <= 0x115f) ||
  (code >= 0x2e80 && code <= 0xa4cf) ||
  (code >= 0xac00 && code <= 0xd7a3) ||
  (code >= 0xf900 && code <= 0xfaff) ||
  (code >= 0xff00 && code <= 0xff60) ||
  (code >= 0x20000 && code <= 0x3fffd);
