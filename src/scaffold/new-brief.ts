import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { error } from '../errors.js';
import { templatesDir } from '../paths.js';
import { defaultPaper, type Paper } from '../paper.js';
import { displayPath } from '../config/settings.js';

/** Brief ids are folder names, URL path segments and file-name parts: keep them plain. */
const safeId = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export interface ScaffoldOptions {
  contentDir: string;
  id: string;
  title?: string | undefined;
  /** ISO date for the front matter and the source's `accessed:`; default today. */
  date?: string | undefined;
  organization?: string | undefined;
  paper?: Paper | undefined;
  /** Folder that messages name paths relative to (default: the current one). */
  cwd?: string | undefined;
  /** Where the scaffold's files come from (default: briefkit's templates/new-brief). */
  templateDir?: string;
}

export interface ScaffoldResult {
  dir: string;
  files: string[];
}

/** Why `id` cannot be a brief id, or undefined when it can. */
export function unsafeIdReason(id: string): string | undefined {
  if (safeId.test(id)) return undefined;
  const suggestion = id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  const hint = suggestion && suggestion !== id ? ` (for example \`${suggestion}\`)` : '';
  return `\`${id}\` cannot be a brief id: use 1–64 lower-case letters, digits and hyphens, starting and ending with a letter or digit${hint}`;
}

/**
 * Creates `content/<id>/` with a brief.md that uses every directive and a stats.yaml with one
 * sourced stat: a brief that checks clean and builds at once. Never overwrites anything.
 */
export async function scaffoldBrief(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const reason = unsafeIdReason(options.id);
  if (reason) error('USAGE', reason);
  const dir = join(options.contentDir, options.id);
  const exists = () =>
    error(
      'USAGE',
      `${displayPath(options.cwd ?? process.cwd(), dir)} already exists: choose another id, or edit the brief that is there`,
    );
  if (existsSync(dir)) exists();
  const date = options.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
    error('USAGE', `--date must be an ISO date (YYYY-MM-DD), not \`${date}\``);
  const title = options.title?.trim() || titleFromId(options.id);
  const values: Record<string, string> = {
    __TITLE__: JSON.stringify(title),
    __SHORT_TITLE__: JSON.stringify(title.length > 40 ? `${title.slice(0, 37).trimEnd()}…` : title),
    __DATE__: date,
    __YEAR__: date.slice(0, 4),
    __ORGANIZATION__: JSON.stringify(options.organization ?? 'Your Organization'),
    __PAPER__: options.paper ?? defaultPaper,
  };
  const source = options.templateDir ?? join(templatesDir, 'new-brief');
  const names = ['brief.md', 'stats.yaml'];
  const texts = await Promise.all(
    names.map(async (name) =>
      (await readFile(join(source, name), 'utf8')).replace(
        /__[A-Z_]+__/g,
        (token) => values[token] ?? token,
      ),
    ),
  );
  await mkdir(options.contentDir, { recursive: true });
  // Not recursive: if another process created the folder meanwhile, stop rather than mix files.
  await mkdir(dir).catch((cause: NodeJS.ErrnoException) =>
    cause.code === 'EEXIST' ? exists() : Promise.reject(cause),
  );
  try {
    for (const [index, name] of names.entries())
      await writeFile(join(dir, name), texts[index] ?? '', { flag: 'wx' });
  } catch (cause) {
    await rm(dir, { recursive: true, force: true });
    throw cause;
  }
  return { dir, files: names.map((name) => join(dir, name)) };
}

/** `water-security` → `Water Security`: a placeholder title the writer replaces. */
export function titleFromId(id: string): string {
  return id
    .split('-')
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
