import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { error } from '../errors.js';
import { defaultLimits } from '../load/limits.js';
import type { ResolvedConfig } from './resolved.js';

export type { ResolvedConfig, ResolvedFont } from './resolved.js';

/** The names briefkit looks for, in the folder it runs in and each folder above it. */
export const configNames = [
  'briefkit.config.ts',
  'briefkit.config.mts',
  'briefkit.config.cts',
  'briefkit.config.js',
  'briefkit.config.mjs',
  'briefkit.config.cjs',
  'briefkit.config.json',
];

export const emptyConfig: ResolvedConfig = {
  file: undefined,
  contentDir: undefined,
  outputDir: undefined,
  paper: undefined,
  organization: undefined,
  logo: undefined,
  palette: {},
  fonts: {},
  limits: defaultLimits,
  strict: undefined,
  staleAfter: undefined,
};

export interface LoadConfigOptions {
  /** The folder briefkit runs in: where config files are looked for. */
  cwd: string;
  /** `--config <file>`: this file and no other. */
  file?: string | undefined;
  /** `--no-config`: briefkit's defaults, whatever config files there are. */
  none?: boolean | undefined;
}

/**
 * Finds and reads the config file. Problems (unknown keys, wrong types, missing files) are
 * reported as messages on the config file, each naming its key, and stop the command.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  if (options.none) return emptyConfig;
  const found = findConfig(options);
  if (!found) return emptyConfig;
  // Validation (zod, yaml) is loaded only when there is a file: commands without one start fast.
  const { readConfigFile } = await import('./read.js');
  return readConfigFile(found.file, options.cwd, found.key);
}

/**
 * `--config <file>`, else the nearest folder, from the working folder up, with a
 * `briefkit.config.*` file or a package.json with a `"briefkit"` key (`key` names it).
 */
function findConfig(options: LoadConfigOptions): { file: string; key?: string } | undefined {
  if (options.file !== undefined) {
    const file = resolve(options.cwd, options.file);
    if (!existsSync(file) || !statSync(file).isFile())
      error('USAGE', `Config file ${options.file} does not exist`);
    if (basename(file) === 'package.json') return { file, key: 'briefkit' };
    if (!configNames.some((name) => file.endsWith(extname(name))))
      error(
        'USAGE',
        `Config file ${options.file}: use a .ts, .mts, .cts, .js, .mjs, .cjs or .json file`,
      );
    return { file };
  }
  for (let dir = resolve(options.cwd); ; dir = dirname(dir)) {
    const found = configNames.map((name) => join(dir, name)).filter((path) => existsSync(path));
    if (found.length > 1) {
      error(
        'USAGE',
        `Found ${found.map((path) => basename(path)).join(' and ')} in ${dir}: keep one config file`,
      );
    }
    if (found[0]) return { file: found[0] };
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && hasBriefkitKey(manifest))
      return { file: manifest, key: 'briefkit' };
    if (dirname(dir) === dir) return undefined;
  }
}

function hasBriefkitKey(file: string): boolean {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return json.briefkit !== undefined;
  } catch {
    return false;
  }
}
