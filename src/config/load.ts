import { existsSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { error } from '../errors.js';
import { defaultLimits } from '../load/limits.js';
import type { ResolvedConfig } from './resolved.js';

export type { ResolvedConfig, ResolvedFont } from './resolved.js';

/** The names briefkit looks for, in the folder it runs in. */
export const configNames = ['briefkit.config.js', 'briefkit.config.mjs', 'briefkit.config.json'];

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
}

/**
 * Finds and reads the config file. Problems (unknown keys, wrong types, missing files) are
 * reported as messages on the config file, each naming its key, and stop the command.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const file = findConfig(options);
  if (!file) return emptyConfig;
  // Validation (zod, yaml) is loaded only when there is a file: commands without one start fast.
  const { readConfigFile } = await import('./read.js');
  return readConfigFile(file, options.cwd);
}

function findConfig(options: LoadConfigOptions): string | undefined {
  if (options.file !== undefined) {
    const file = resolve(options.cwd, options.file);
    if (!existsSync(file) || !statSync(file).isFile())
      error('USAGE', `Config file ${options.file} does not exist`);
    if (!configNames.some((name) => file.endsWith(extname(name))))
      error('USAGE', `Config file ${options.file}: use a .js, .mjs or .json file`);
    return file;
  }
  const found = configNames
    .map((name) => join(options.cwd, name))
    .filter((path) => existsSync(path));
  if (found.length > 1) {
    error(
      'USAGE',
      `Found ${found.map((path) => basename(path)).join(' and ')} in ${options.cwd}: keep one config file`,
    );
  }
  return found[0];
}
