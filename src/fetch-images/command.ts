import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Command } from 'commander';
import { settingsFor } from '../config/command-line.js';
import { exitCodes } from '../errors.js';
import { sha256 } from '../hash.js';
import { selectSources } from '../load/discover.js';
import { findWebImages, type WebImage } from './find-web-images.js';

/** Extensions by the media types a brief can print (see media-types.ts). */
const extensions: Readonly<Record<string, string>> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/avif': '.avif',
  'image/svg+xml': '.svg',
};
/** Larger than any badge or figure a brief prints; a guard against a wrong address. */
const maxBytes = 20 * 1024 * 1024;
const timeoutMs = 30_000;

/**
 * `briefkit fetch-images [ids… | file.md]`: the one step that reaches the network, on request.
 * Each web image of each brief is downloaded once into the brief's `assets/web/` and its link
 * rewritten to the file, so later builds print it with no network. An image that cannot be had
 * is reported and its link left as it was (the build then prints its alt text).
 */
export async function fetchImagesCommand(
  input: { ids: string[]; file: string | undefined },
  command: Command,
): Promise<void> {
  const settings = await settingsFor(command);
  const sources = await selectSources({ contentDir: settings.contentDir, ...input });
  let fetched = 0;
  let failed = 0;
  for (const source of sources) {
    const text = await readFile(source.markdown, 'utf8');
    const images = findWebImages(text);
    if (images.length === 0) continue;
    const dir = dirname(source.markdown);
    const saved = new Map<string, string | undefined>();
    for (const url of new Set(images.map((image) => image.url))) {
      try {
        const name = await download(url, join(dir, 'assets', 'web'));
        saved.set(url, relative(dir, name).split('\\').join('/'));
        fetched += 1;
        process.stderr.write(`${displayOf(source.markdown)}: ${url} → ${saved.get(url)}\n`);
      } catch (cause) {
        failed += 1;
        process.stderr.write(
          `${displayOf(source.markdown)}: ${url} not downloaded: ${reason(cause)}\n`,
        );
      }
    }
    const rewritten = rewrite(text, images, saved);
    if (rewritten !== text) await writeFile(source.markdown, rewritten);
  }
  process.stderr.write(
    `${fetched} image(s) downloaded${failed ? `, ${failed} failed` : ''}; links rewritten to the files\n`,
  );
  if (failed > 0) process.exitCode = exitCodes.content;
}

/** `fetch failed` says little: its cause says what (`connect ECONNREFUSED 127.0.0.1:80`). */
const reason = (cause: unknown): string => {
  const error = cause as Error & { cause?: Error };
  return error.cause?.message ? `${error.message} (${error.cause.message})` : error.message;
};

const displayOf = (path: string) => relative(process.cwd(), path) || path;

/** The text with each downloaded address replaced by its file, from the end backwards. */
function rewrite(
  text: string,
  images: readonly WebImage[],
  saved: ReadonlyMap<string, string | undefined>,
): string {
  let result = text;
  for (const image of [...images].reverse()) {
    const file = saved.get(image.url);
    if (file) result = result.slice(0, image.start) + file + result.slice(image.end);
  }
  return result;
}

/** Downloads one image into `folder`, named by its address (the same address, the same file). */
async function download(url: string, folder: string): Promise<string> {
  const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  const extension = extensions[type ?? ''];
  if (!extension)
    throw new Error(`it is \`${type || 'of no stated type'}\`, not an image a brief can print`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new Error(`it is larger than ${maxBytes / 1024 / 1024} MiB`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes)
    throw new Error(`it is larger than ${maxBytes / 1024 / 1024} MiB`);
  const last = new URL(url).pathname.split('/').filter(Boolean).at(-1) ?? 'image';
  const stem = last
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[^\w-]+/g, '-')
    .slice(0, 40);
  const file = join(folder, `${stem || 'image'}-${sha256(url).slice(0, 8)}${extension}`);
  await mkdir(folder, { recursive: true });
  await writeFile(file, bytes);
  return file;
}
