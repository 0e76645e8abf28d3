import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
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

/**
 * briefkit's folder in the user's cache (`BRIEFKIT_CACHE_DIR`, else the platform's cache folder):
 * what is made on this machine for this machine, like the pipeline's code cache, never shipped.
 */
export function userCacheDir(env = process.env, platform = process.platform): string {
  if (env.BRIEFKIT_CACHE_DIR) return resolve(env.BRIEFKIT_CACHE_DIR);
  const home = homedir();
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'briefkit', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'briefkit');
  return join(env.XDG_CACHE_HOME || join(home, '.cache'), 'briefkit');
}

/**
 * The V8 code cache of the bundled pipeline for this code and this Node: V8 rejects a cache made
 * for other source or another Node version, so each pair has its own file.
 */
export function codeCacheFile(bundle: string): string {
  const id = readFileSync(join(bundle, 'code-id'), 'utf8').trim().slice(0, 16);
  return join(userCacheDir(), 'code-cache', `${id}-${process.version}-${process.arch}.bin`);
}
