import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { sfntToWoff2 } from './woff2.js';

/**
 * Han, kana and Hangul faces (and the sign faces): each @fontsource unicode-range file holds hundreds of characters,
 * and a short Chinese page touches dozens of those files (3 MB or more inlined). The web edition
 * carries only the glyphs its text uses, cut from each file with HarfBuzz's subsetter. Latin
 * and other scripts keep their whole range files: they are few and small.
 */
export const subsetFamilies: ReadonlySet<string> = new Set([
  'Noto Sans SC',
  'Noto Sans JP',
  'Noto Sans KR',
  // Signs: one file of hundreds of glyphs each (Math's is 270 KB); a page uses a few.
  'Noto Sans Math',
  'Noto Sans Symbols',
  'Noto Sans Symbols 2',
]);

/**
 * The face in `woff` (the @fontsource WOFF 1 file: zlib, so node inflates it natively) cut down
 * to the characters of `text`, as a WOFF2 data URI; undefined when it cannot be cut (then the caller
 * keeps the whole file).
 */
export async function subsetFace(woff: string, text: string): Promise<string | undefined> {
  try {
    const { default: subsetFont } = await import('subset-font');
    const sfnt = woffToSfnt(await readFile(woff));
    const cut = await subsetFont(sfnt, text, { targetFormat: 'sfnt' });
    // WOFF2 (Brotli): about half the bytes of the plain font.
    return `data:font/woff2;base64,${sfntToWoff2(cut).toString('base64')}`;
  } catch {
    return undefined;
  }
}

/** WOFF 1 to the plain font it wraps: the table directory rebuilt, each table inflated. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, index) => {
    const at = 44 + index * 20;
    const offset = woff.readUInt32BE(at + 4);
    const stored = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const bytes = woff.subarray(offset, offset + stored);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: stored < length ? inflateSync(bytes) : bytes,
    };
  });
  let size = 12 + 16 * count;
  const offsets = tables.map((table) => {
    const offset = size;
    size += (table.data.length + 3) & ~3;
    return offset;
  });
  const font = Buffer.alloc(size);
  font.writeUInt32BE(woff.readUInt32BE(4), 0);
  font.writeUInt16BE(count, 4);
  const selector = Math.floor(Math.log2(count));
  font.writeUInt16BE(2 ** selector * 16, 6);
  font.writeUInt16BE(selector, 8);
  font.writeUInt16BE(count * 16 - 2 ** selector * 16, 10);
  tables.forEach((table, index) => {
    const at = 12 + index * 16;
    font.writeUInt32BE(table.tag, at);
    font.writeUInt32BE(table.checksum, at + 4);
    font.writeUInt32BE(offsets[index] as number, at + 8);
    font.writeUInt32BE(table.data.length, at + 12);
    table.data.copy(font, offsets[index] as number);
  });
  return font;
}
