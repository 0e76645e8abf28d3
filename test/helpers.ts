import { execFile } from 'node:child_process';
import { chmod, cp, mkdtemp, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
} from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The briefkit checkout under test. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const fixturesDir = join(repoRoot, 'test', 'fixtures');
export const cliPath = join(repoRoot, 'dist', 'bin', 'briefkit.js');

/** A fixed release date (2026-01-01T00:00:00Z) so metadata dates can be checked exactly. */
export const sourceDateEpoch = 1767225600;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Added to (or, when undefined, removed from) the test process's environment. */
  env?: Record<string, string | undefined>;
}

/** Runs the compiled CLI (`node dist/bin/briefkit.js …`, the bundle) as a user would, without a shell. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  const merged = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env };
  for (const [key, value] of Object.entries(merged)) if (value !== undefined) env[key] = value;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { cwd: options.cwd ?? repoRoot, env, maxBuffer: 64 * 1024 * 1024, timeout: 170_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number' && !error.killed) {
          reject(error);
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout: stripAnsi(stdout), stderr: stripAnsi(stderr) });
      },
    );
  });
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/** One message as the CLI reported it. */
export interface ReportedMessage {
  file: string;
  line: number;
  column: number;
  /** The rest of the line: severity, reason, rule id, source. */
  text: string;
}

/**
 * Reads vfile-reporter output back into messages. Accepts both the grouped layout (a file name
 * line, then `line:column` lines) and one-line `file:line:column` messages.
 */
export function parseReport(stderr: string): ReportedMessage[] {
  const messages: ReportedMessage[] = [];
  let file: string | undefined;
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    const grouped = /^\s*(\d+):(\d+)(?:-\d+:\d+)?\s+(.*)$/.exec(line);
    const oneLine = /^(\S.*?):(\d+):(\d+)(?:-\d+:\d+)?\s+(.*)$/.exec(line);
    if (grouped && file !== undefined) {
      messages.push({
        file,
        line: Number(grouped[1]),
        column: Number(grouped[2]),
        text: grouped[3] ?? '',
      });
    } else if (oneLine && !/^\d+$/.test(oneLine[1] ?? '')) {
      messages.push({
        file: oneLine[1] ?? '',
        line: Number(oneLine[2]),
        column: Number(oneLine[3]),
        text: oneLine[4] ?? '',
      });
    } else if (/^[^\s✖⚠]/.test(line) && !/^(briefkit:|wrote |failed |\d+ )/.test(line)) {
      file = line.trim();
    } else if (line.trim() === '') {
      file = undefined;
    }
  }
  return messages;
}

/** `file:line:column text`, the shape tests compare reported messages in. */
export const describeMessage = (message: ReportedMessage): string =>
  `${message.file}:${message.line}:${message.column} ${message.text}`;

/** A fresh, empty folder under the system temp folder (symlinks resolved). */
export async function makeTempDir(label: string): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), `briefkit-test-${label}-`)));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Copies a fixture (or content) folder to `target`, creating it. */
export async function copyFixture(source: string, target: string): Promise<void> {
  await cp(source, target, { recursive: true });
}

/** Every file under `dir`, relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * A stand-in for Chrome that records being started and fails. Pointing PUPPETEER_EXECUTABLE_PATH
 * at it shows whether a command needed a browser at all.
 */
export async function fakeBrowser(dir: string): Promise<{ path: string; marker: string }> {
  const path = join(dir, 'fake-chrome.sh');
  const marker = join(dir, 'fake-chrome-was-started');
  await writeFile(path, `#!/bin/sh\necho started > '${marker}'\nexit 1\n`);
  await chmod(path, 0o755);
  return { path, marker };
}

/** The text of each page, lines separated by `\n`, as pdf.js extracts it (what a reader copies). */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  return (await readPdf(bytes)).pages.map((page) => page.text);
}

export interface PdfPage {
  text: string;
  width: number;
  height: number;
  /** Link annotations: external URLs or named destinations inside the document. */
  links: { url: string | undefined; dest: string | undefined }[];
}

export interface PdfReading {
  pages: PdfPage[];
  /** Outline (bookmark) titles, depth first. */
  outline: string[];
  /** Named destinations (link targets inside the document). */
  destinations: string[];
  /** The tagged-PDF structure tree, as pdf.js reports it. */
  hasStructTree: boolean;
}

interface OutlineNode {
  title: string;
  items: OutlineNode[];
}

/** Reads a PDF back with pdf.js, the way a viewer would. */
export async function readPdf(bytes: Uint8Array): Promise<PdfReading> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const pages: PdfPage[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      const text = content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('');
      const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
      const annotations = (await page.getAnnotations()) as {
        subtype: string;
        url?: string;
        dest?: unknown;
      }[];
      const links = annotations
        .filter((annotation) => annotation.subtype === 'Link')
        .map((annotation) => ({
          url: annotation.url,
          dest: typeof annotation.dest === 'string' ? annotation.dest : undefined,
        }));
      pages.push({ text, width: x1 - x0, height: y1 - y0, links });
    }
    const flatten = (nodes: readonly OutlineNode[]): string[] =>
      nodes.flatMap((node) => [node.title, ...flatten(node.items)]);
    const outline = flatten(((await doc.getOutline()) ?? []) as OutlineNode[]);
    const destinations = Object.keys(await doc.getDestinations());
    const metadata = (await doc.getMetadata()) as { hasStructTree?: boolean };
    return { pages, outline, destinations, hasStructTree: metadata.hasStructTree === true };
  } finally {
    await doc.destroy();
  }
}

/** Text with runs of whitespace (line breaks included) collapsed to one space. */
export const normalizeSpace = (text: string): string => text.replace(/\s+/g, ' ').trim();

export interface PdfFont {
  /** BaseFont without the subset prefix, e.g. `SourceSerif4-Regular`. */
  name: string;
  /** BaseFont as written, e.g. `ABCDEF+SourceSerif4-Regular`. */
  baseFont: string;
  subtype: string;
  /** The font program is in the file (FontFile, FontFile2 or FontFile3 in its descriptor). */
  embedded: boolean;
}

/** The fonts a PDF uses, and whether each is embedded. Walks every indirect object. */
export async function pdfFonts(bytes: Uint8Array): Promise<PdfFont[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const fonts: PdfFont[] = [];
  const cidFonts = new Set(['CIDFontType0', 'CIDFontType2']);
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    if (object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = object.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() ?? '';
    // Descendant CID fonts are reached through their Type0 parent.
    if (cidFonts.has(subtype)) continue;
    let holder: PDFDict | undefined = object;
    if (subtype === 'Type0') {
      holder = object.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
    }
    const descriptor = holder?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
    const embedded =
      subtype === 'Type3' ||
      (descriptor !== undefined &&
        ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(PDFName.of(key))));
    const baseFont = object.lookupMaybe(PDFName.of('BaseFont'), PDFName)?.decodeText() ?? '';
    fonts.push({ name: baseFont.replace(/^[A-Z]{6}\+/, ''), baseFont, subtype, embedded });
  }
  return fonts;
}

/** Image XObjects in a PDF (pictures that were loaded and printed), by pixel size. */
export async function pdfImages(bytes: Uint8Array): Promise<{ width: number; height: number }[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const images: { width: number; height: number }[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : (object as { dict?: unknown }).dict;
    if (!(dict instanceof PDFDict)) continue;
    if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const size = (key: string) => dict.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? 0;
    images.push({ width: size('Width'), height: size('Height') });
  }
  return images;
}

/**
 * Where two PDFs differ, object by object (streams decoded): the first `limit` differing lines,
 * for a failure message that says what made a rebuild differ.
 */
export async function pdfDifferences(a: Uint8Array, b: Uint8Array, limit = 12): Promise<string[]> {
  const dump = async (bytes: Uint8Array) => {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const lines: string[] = [];
    for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
      let text = object.toString();
      if (object instanceof PDFRawStream) {
        try {
          text = `${object.dict.toString()}\n${Buffer.from(decodePDFRawStream(object).decode()).toString('latin1')}`;
        } catch {
          text = object.dict.toString();
        }
      }
      for (const line of text.split('\n')) lines.push(`${ref.toString()}: ${line}`);
    }
    return lines;
  };
  const [left, right] = await Promise.all([dump(a), dump(b)]);
  const differences: string[] = [];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    if (left[index] === right[index]) continue;
    differences.push(`- ${left[index] ?? ''}\n+ ${right[index] ?? ''}`);
    if (differences.length >= limit) break;
  }
  return differences;
}

/** A small solid-colour PNG, for image fixtures made at run time. */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
