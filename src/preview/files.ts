import { realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, isAbsolute, join, relative } from 'node:path';
import { mediaTypes } from '../media-types.js';
import { templatesDir } from '../paths.js';
import { fontPackages } from '../render/font-packages.js';

const require = createRequire(import.meta.url);

/** File types the preview serves; anything else (brief.md, stats.yaml, scripts) is not served. */
export const contentTypes = mediaTypes;

/** A folder the preview may serve, under `/_files/<key>/`. */
export interface Root {
  key: string;
  dir: string;
}

/** The folders printed pages read besides a brief's own: briefkit's templates and fonts. */
export function packageRoots(): Root[] {
  return [
    { key: 'templates', dir: templatesDir },
    ...fontPackages.map((name) => ({
      key: name.replace('@fontsource/', ''),
      dir: dirname(require.resolve(`${name}/package.json`)),
    })),
  ];
}

/** `inside` is `root` or a path below it. */
export function isInside(root: string, inside: string): boolean {
  const path = relative(root, inside);
  return path === '' || (!path.startsWith('..') && !isAbsolute(path));
}

/**
 * The file a request path names inside `root`, or undefined. Refuses `..`, hidden files, types
 * not in the list, and links that lead outside the root.
 */
export function resolveInside(root: string, segments: readonly string[]): string | undefined {
  if (segments.length === 0) return undefined;
  const decoded: string[] = [];
  for (const segment of segments) {
    let part: string;
    try {
      part = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
    if (part === '' || part.startsWith('.') || /[\\/\0]/.test(part)) return undefined;
    decoded.push(part);
  }
  const path = join(root, ...decoded);
  if (!isInside(root, path) || !(extname(path).toLowerCase() in contentTypes)) return undefined;
  try {
    const real = realpathSync(path);
    if (!isInside(realpathSync(root), real) || !statSync(real).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}
