import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the running code: src/ (TypeScript runner), dist/, or the bundle's dist/bin/… */
const hereDir = dirname(fileURLToPath(import.meta.url));

/**
 * The briefkit package root: templates and fonts ship from here, not from the user's folder. The
 * nearest folder above the running code with briefkit's package.json, since bundled code may sit
 * at any depth under dist/.
 */
export const packageRoot = findPackageRoot(hereDir);

/** The templates and styles: briefkit's own, or a copy of them named by BRIEFKIT_TEMPLATES. */
export const templatesDir = process.env.BRIEFKIT_TEMPLATES
  ? resolve(process.env.BRIEFKIT_TEMPLATES)
  : join(packageRoot, 'templates');

const packageJson = readPackageJson(packageRoot) ?? { version: '0.0.0' };
export const version = packageJson.version;

/** The command line users run: the bundle when built (`npm run compile`), else the plain modules. */
export const cliPath = existsSync(join(packageRoot, 'dist', 'bin', 'briefkit.js'))
  ? join(packageRoot, 'dist', 'bin', 'briefkit.js')
  : join(packageRoot, 'dist', 'cli.js');

/** dist/bin/ when this code runs from the bundle (scripts/bundle.js); else undefined. */
export function bundleDir(): string | undefined {
  const dir = join(packageRoot, 'dist', 'bin');
  return hereDir === dir || hereDir.startsWith(`${dir}${sep}`) ? dir : undefined;
}

/**
 * What identifies the code that makes documents, for cache keys: the bundle's recorded hash, or
 * the folder of plain modules to hash file by file.
 */
export function codeIdentity(): { id: string } | { dir: string } {
  const dir = bundleDir();
  return dir ? { id: readFileSync(join(dir, 'code-id'), 'utf8').trim() } : { dir: hereDir };
}

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (readPackageJson(dir)?.name === 'briefkit') return dir;
    if (dirname(dir) === dir) return join(from, '..');
  }
}

function readPackageJson(dir: string): { name?: string; version: string } | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
}
