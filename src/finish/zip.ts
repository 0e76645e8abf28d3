import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Just enough ZIP for Office packages, with Node's own zlib. pptxgenjs hands over its package
 * stored (uncompressed); JSZip's pure-JavaScript deflate took most of the .pptx step's time
 * (about 0.1 s of CPU for the default deck), native zlib a tenth of that. fflate (pure
 * JavaScript too) was tried on 2026-12-03: its first zipSync of the default deck took 0.3–0.8 s
 * in a fresh process against 0.04 s for zlib's deflate, over the .pptx's 0.1 s budget, since
 * every build is a fresh process. Entries are written in
 * the order given, every one dated `date`, with no extra fields: the same entries give the same
 * bytes.
 */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const localHeader = 0x04034b50;
const centralHeader = 0x02014b50;
const endOfCentral = 0x06054b50;

/** The entries of a ZIP file (stored or deflated), folders left out, in their order. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, unless a comment follows it.
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== endOfCentral) end--;
  if (end < 0) throw new Error('not a ZIP file: no end of central directory');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    if (view.getUint32(at, true) !== centralHeader) throw new Error('broken ZIP central directory');
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (view.getUint32(offset, true) !== localHeader) throw new Error(`broken ZIP entry ${name}`);
    const start =
      offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const raw = bytes.subarray(start, start + compressed);
    if (method !== 0 && method !== 8) throw new Error(`ZIP entry ${name}: method ${method}`);
    entries.push({ name, data: method === 0 ? raw : new Uint8Array(inflateRawSync(raw)) });
  }
  return entries;
}

/** A ZIP file of `entries`, deflated, every entry dated `date` (UTC, as JSZip reads it). */
export function writeZip(entries: readonly ZipEntry[], date: Date): Uint8Array {
  const time =
    (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day =
    ((Math.max(1980, date.getUTCFullYear()) - 1980) << 9) |
    ((date.getUTCMonth() + 1) << 5) |
    date.getUTCDate();
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const deflated = new Uint8Array(deflateRawSync(entry.data, { level: 6 }));
    // Tiny parts grow when deflated: those are stored.
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const fields = {
      method: stored ? 0 : 8,
      crc: crc32(entry.data),
      compressed: body.length,
      size: entry.data.length,
    };
    const local = new Uint8Array(30 + name.length);
    const head = new DataView(local.buffer);
    head.setUint32(0, localHeader, true);
    head.setUint16(4, 20, true); // version needed: 2.0
    head.setUint16(6, 0x0800, true); // names are UTF-8
    head.setUint16(8, fields.method, true);
    head.setUint16(10, time, true);
    head.setUint16(12, day, true);
    head.setUint32(14, fields.crc, true);
    head.setUint32(18, fields.compressed, true);
    head.setUint32(22, fields.size, true);
    head.setUint16(26, name.length, true);
    local.set(name, 30);
    const record = new Uint8Array(46 + name.length);
    const dir = new DataView(record.buffer);
    dir.setUint32(0, centralHeader, true);
    dir.setUint16(4, 0x0314, true); // made by: Unix, 2.0
    dir.setUint16(6, 20, true);
    dir.setUint16(8, 0x0800, true);
    dir.setUint16(10, fields.method, true);
    dir.setUint16(12, time, true);
    dir.setUint16(14, day, true);
    dir.setUint32(16, fields.crc, true);
    dir.setUint32(20, fields.compressed, true);
    dir.setUint32(24, fields.size, true);
    dir.setUint16(28, name.length, true);
    dir.setUint32(38, (0o100644 << 16) >>> 0, true); // a regular file, rw-r--r--
    dir.setUint32(42, offset, true);
    record.set(name, 46);
    parts.push(local, body);
    central.push(record);
    offset += local.length + body.length;
  }
  const directorySize = central.reduce((sum, record) => sum + record.length, 0);
  const tail = new Uint8Array(22);
  const end = new DataView(tail.buffer);
  end.setUint32(0, endOfCentral, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + 22);
  let at = 0;
  for (const chunk of [...parts, ...central, tail]) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
