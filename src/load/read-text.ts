import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { relative } from 'node:path';
import { VFile } from 'vfile';
import { limitKey, megabytes } from './limits.js';
import { fail } from './yaml-file.js';

/**
 * Reads a text file of a brief as a VFile. A file over `limit` bytes is not read past it, and
 * one that is not UTF-8 is not guessed at: either gives one error at the line where it happens,
 * and an empty value. A byte-order mark is dropped.
 */
export async function readText(path: string, cwd: string, limit: number): Promise<VFile> {
  const file = new VFile({ path: relative(cwd, path) || path, cwd, value: '' });
  const handle = await open(path, 'r');
  let bytes: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(size, limit + 1));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (size > limit || bytes.length > limit) {
    const line = countLines(bytes.subarray(0, limit));
    fail(
      file,
      `${file.basename ?? 'File'} is ${megabytes(Math.max(size, bytes.length))}, over the limit of ${megabytes(limit)} (raise \`${limitKey('fileSize')}\` in the config if it must be this large)`,
      { line, column: 1 },
      'file-size',
    );
    return file;
  }
  const text = bytes.toString('utf8');
  if (!isUtf8(bytes)) {
    const index = firstInvalid(text, bytes);
    const before = text.slice(0, index).split('\n');
    fail(
      file,
      'Not UTF-8: this byte cannot be read as text; save the file as UTF-8',
      { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 },
      'encoding',
    );
    return file;
  }
  file.value = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return file;
}

function countLines(bytes: Uint8Array): number {
  let lines = 1;
  for (const byte of bytes) if (byte === 0x0a) lines++;
  return lines;
}

/**
 * Where decoding first went wrong: the first U+FFFD that the bytes do not spell as EF BF BD.
 * Everything before it decoded exactly, so its byte offset is the prefix's UTF-8 length.
 */
function firstInvalid(text: string, bytes: Buffer): number {
  let offset = 0;
  let from = 0;
  for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', from)) {
    offset += Buffer.byteLength(text.slice(from, index));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd))
      return index;
    offset += 3;
    from = index + 1;
  }
  return 0;
}
