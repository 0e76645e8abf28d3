/**
 * The finishing step's ZIP writer: what it writes, JSZip (as Office readers do) reads back whole,
 * CRCs checked, every entry dated as asked; the same entries give the same bytes; what it reads
 * is what was written, stored or deflated.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../src/finish/zip.js';

const date = new Date('2026-01-01T00:00:00Z');
const text = (value: string) => new TextEncoder().encode(value);
const entries = [
  { name: '[Content_Types].xml', data: text('<Types>'.repeat(200)) },
  { name: 'ppt/slides/slide1.xml', data: text('<p:sld>Grüße, 1,954 miles</p:sld>') },
  { name: 'tiny', data: text('x') },
  { name: 'empty', data: new Uint8Array(0) },
];

describe('writeZip and readZip', () => {
  it('writes a package JSZip reads back whole, in order, dated as asked', async () => {
    const zip = await JSZip.loadAsync(writeZip(entries, date), { checkCRC32: true });
    const files = Object.values(zip.files);
    expect(files.map((file) => file.name)).toEqual(entries.map((entry) => entry.name));
    for (const [index, file] of files.entries()) {
      expect(file.date.toISOString()).toBe(date.toISOString());
      expect(await file.async('uint8array')).toEqual(entries[index]?.data);
    }
  });

  it('gives the same bytes for the same entries, and reads them back', () => {
    const bytes = writeZip(entries, date);
    expect(Buffer.from(writeZip(entries, date)).equals(Buffer.from(bytes))).toBe(true);
    expect(readZip(bytes)).toEqual(entries);
  });

  it("reads JSZip's packages, stored or deflated, without their folders", async () => {
    for (const compression of ['STORE', 'DEFLATE'] as const) {
      const zip = new JSZip();
      for (const entry of entries) zip.file(entry.name, entry.data);
      const read = readZip(await zip.generateAsync({ type: 'uint8array', compression }));
      expect(read).toEqual(entries);
    }
  });
});
