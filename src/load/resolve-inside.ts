import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * One rule for what a brief may read: a file inside its folder once symbolic links are resolved.
 * A link inside the folder that leads outside it (`assets/x.png -> /elsewhere/secret.png`) is as
 * outside as `../secret.png`. Loading (CSVs, batch data), parsing (images, `srcset`) and the
 * renderers and printer (which read what the HTML names) all ask this module.
 */

/** `inside` is `root` or a path below it, compared as written. */
export function isInsidePath(root: string, inside: string): boolean {
  const path = relative(root, inside);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/** The real path of `path`, or undefined when it does not exist (a dangling link included). */
export function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

export type InsideFile =
  { path: string } | { problem: 'outside'; linked: boolean } | { problem: 'missing' | 'not-file' };

/**
 * Resolves `name` (relative to `dir`) to a regular file inside `dir`, symbolic links followed.
 * `path` is the file as named (inside `dir`), for URLs and messages; its target was checked.
 */
export function resolveInside(dir: string, name: string): InsideFile {
  const path = resolve(dir, name);
  if (!isInsidePath(dir, path)) return { problem: 'outside', linked: false };
  if (!existsSync(path)) return { problem: 'missing' };
  const real = realPath(path);
  const realDir = realPath(dir);
  if (!real || !realDir) return { problem: 'missing' };
  if (!isInsidePath(realDir, real)) return { problem: 'outside', linked: true };
  return statSync(real).isFile() ? { path } : { problem: 'not-file' };
}

/**
 * Whether a renderer or the printer may read `path`: its real path lies inside the real path of
 * one of `roots` (folders, or single files such as a logo). A link out of a root is refused.
 */
export function isReadable(path: string, roots: readonly string[]): boolean {
  const real = realPath(path);
  return real !== undefined && roots.some((root) => isInsidePath(realPath(root) ?? root, real));
}
