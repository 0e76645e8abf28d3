import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
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
