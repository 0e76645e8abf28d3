/**
 * The web edition's cut CJK faces are WOFF2 written by briefkit (src/render/web/woff2.ts): the
 * reference decoder reads them back to the very tables of the plain font, and they are smaller.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { subsetFace, woffToSfnt } from '../src/render/web/subset-faces.js';
import { sfntToWoff2 } from '../src/render/web/woff2.js';

const require = createRequire(import.meta.url);
// Google's decoder in WebAssembly, as subset-font installs it.
const wawoff2 = require(require.resolve('wawoff2', { paths: [require.resolve('fontverter')] })) as {
  decompress: (font: Uint8Array) => Promise<Uint8Array>;
};

/** An sfnt's tables by tag. */
function tables(font: Buffer): Map<string, string> {
  const found = new Map<string, string>();
  for (let index = 0; index < font.readUInt16BE(4); index++) {
    const at = 12 + index * 16;
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    const data = font.subarray(offset, offset + length);
    const tag = font.toString('latin1', at, at + 4);
    // head's checkSumAdjustment is the decoder's to recompute.
    found.set(
      tag,
      (tag === 'head' ? Buffer.concat([data.subarray(0, 8), data.subarray(12)]) : data).toString(
        'hex',
      ),
    );
  }
  return found;
}

const face = require.resolve('@fontsource/noto-sans-sc/files/noto-sans-sc-119-400-normal.woff');

describe('sfntToWoff2', () => {
  it('writes WOFF2 the reference decoder reads back to the same tables, smaller', async () => {
    const sfnt = woffToSfnt(await readFile(face));
    const woff2 = sfntToWoff2(sfnt);
    expect(woff2.toString('latin1', 0, 4)).toBe('wOF2');
    expect(woff2.readUInt32BE(8)).toBe(woff2.length);
    const back = Buffer.from(await wawoff2.decompress(woff2));
    expect(tables(back)).toEqual(tables(sfnt));
    expect(woff2.length).toBeLessThan(sfnt.length * 0.7);
  });

  it('is what a cut face is inlined as', async () => {
    const uri = await subsetFace(face, '水资源');
    expect(uri).toMatch(/^data:font\/woff2;base64,d09GMg/);
  });
});
