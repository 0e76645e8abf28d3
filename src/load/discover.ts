import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { error } from '../errors.js';
import { didYouMean } from '../nearest.js';

/** The ids of `content/<id>/` folders that hold a brief.md, sorted for stable output. */
export async function discoverBriefs(contentDir: string): Promise<string[]> {
  const entries = await readdir(contentDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory() && existsSync(join(contentDir, entry.name, 'brief.md')))
    .map((entry) => entry.name)
    .sort();
}

/** The briefs a command works on: the ids given (each must exist), else every brief. */
export async function selectBriefs(
  contentDir: string,
  ids: readonly string[] | undefined,
): Promise<string[]> {
  const available = await discoverBriefs(contentDir);
  const selected = ids && ids.length > 0 ? [...ids] : available;
  for (const id of selected) {
    if (!available.includes(id)) {
      error(
        'USAGE',
        `No brief \`${id}\` in ${contentDir}/ (a folder with a brief.md)${didYouMean(id, available)}`,
      );
    }
  }
  if (selected.length === 0)
    error('USAGE', `No briefs found in ${contentDir}/: create one with a brief.md`);
  return selected;
}

/** Where a brief is read from: `content/<id>/brief.md`, or any Markdown file given by path. */
export interface BriefSource {
  /** The folder name, or the file's name without `.md`: also its folder under the output. */
  id: string;
  /** The Markdown file; `stats.yaml`, images and data files are read beside it. */
  markdown: string;
}

/** The sources a command works on: the one file given, else the selected content folders. */
export async function selectSources(options: {
  contentDir: string;
  ids?: readonly string[] | undefined;
  file?: string | undefined;
}): Promise<BriefSource[]> {
  if (options.file !== undefined) return [fileSource(options.file)];
  const ids = await selectBriefs(options.contentDir, options.ids);
  return ids.map((id) => ({ id, markdown: join(options.contentDir, id, 'brief.md') }));
}

/** A Markdown file as a brief of its own, named after the file (or a brief's folder by path). */
export function fileSource(path: string): BriefSource {
  const full = resolve(path);
  if (!existsSync(full)) error('USAGE', `No such file: ${path}`);
  if (statSync(full).isDirectory()) {
    const markdown = join(full, 'brief.md');
    if (!existsSync(markdown)) error('USAGE', `${path} is a folder without a brief.md`);
    return { id: basename(full), markdown };
  }
  return { id: basename(full, extname(full)), markdown: full };
}

/** Whether a command-line input names a Markdown file rather than a brief id. */
export const isFileInput = (input: string): boolean =>
  /\.(md|markdown|qmd|rmd)$/i.test(input) || input.includes('/') || input.includes('\\');

export const sourceDir = (source: BriefSource): string => dirname(source.markdown);
