import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DocumentSettings } from '../model/options.js';
import type { Paper } from '../paper.js';
import type { Palette } from './define.js';
import { loadConfig, type ResolvedConfig } from './load.js';

/**
 * Where each setting comes from: the command line, else the config file, else the brief's front
 * matter, else briefkit's default. This module applies that order in one place.
 */

/** Values given on the command line (undefined when the flag was not given). */
export interface CommandLineValues {
  config?: string | undefined;
  /** `--no-config`. */
  noConfig?: boolean | undefined;
  content?: string | undefined;
  out?: string | undefined;
  paper?: Paper | undefined;
}

export type { DocumentSettings } from '../model/options.js';

export interface Settings {
  config: ResolvedConfig;
  contentDir: string;
  outputDir: string;
  document: DocumentSettings;
}

export const defaultContentDir = 'content';
export const defaultOutputDir = 'output';

/** Reads the config file (if any) and merges it with the command line. */
export async function loadSettings(cwd: string, cli: CommandLineValues): Promise<Settings> {
  const config = await loadConfig({ cwd, file: cli.config, none: cli.noConfig });
  return resolveSettings(cwd, config, cli);
}

export function resolveSettings(
  cwd: string,
  config: ResolvedConfig,
  cli: CommandLineValues,
): Settings {
  const folder = (flag: string | undefined, configured: string | undefined, fallback: string) =>
    flag !== undefined ? resolve(cwd, flag) : (configured ?? resolve(cwd, fallback));
  return {
    config,
    contentDir: folder(cli.content, config.contentDir, defaultContentDir),
    outputDir: folder(cli.out, config.outputDir, defaultOutputDir),
    document: documentSettings(config, cli),
  };
}

const paletteProperties: Record<keyof Palette, string> = {
  primary: '--bk-primary',
  accent: '--bk-accent',
  ink: '--bk-ink',
  muted: '--bk-muted',
  rule: '--bk-rule',
  panel: '--bk-panel',
};

function documentSettings(config: ResolvedConfig, cli: CommandLineValues): DocumentSettings {
  const declarations: string[] = [];
  for (const [key, property] of Object.entries(paletteProperties)) {
    const value = config.palette[key as keyof Palette];
    if (value) declarations.push(`${property}: ${value};`);
  }
  // Family names were validated to letters, digits, spaces, hyphens: safe inside quotes.
  if (config.fonts.serif)
    declarations.push(
      `--bk-serif: '${config.fonts.serif.family}', 'Source Serif 4', var(--bk-script-fonts), serif;`,
    );
  if (config.fonts.sans)
    declarations.push(
      `--bk-sans: '${config.fonts.sans.family}', 'Source Sans 3', var(--bk-script-fonts), sans-serif;`,
    );
  const fontSheets = [config.fonts.serif, config.fonts.sans].flatMap(
    (font) => font?.stylesheets ?? [],
  );
  const allowedRoots = [...new Set(fontSheets.map((sheet) => dirname(sheet)))];
  // The logo alone, not its folder: nothing beside it becomes readable.
  if (config.logo) allowedRoots.push(config.logo);
  return {
    paper: cli.paper ?? config.paper,
    organization: config.organization,
    css: declarations.length > 0 ? `:root {\n  ${declarations.join('\n  ')}\n}` : undefined,
    palette: config.palette,
    stylesheets: fontSheets.map((sheet) => pathToFileURL(sheet).href),
    logo: config.logo
      ? {
          path: config.logo,
          url: pathToFileURL(config.logo).href,
          alt: config.organization ?? '',
        }
      : undefined,
    allowedRoots: [...new Set(allowedRoots)],
    stamp: undefined,
    limits: config.limits,
  };
}

/** A folder as the user should read it in messages: relative to where they are, when inside. */
export function displayPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') ? inside : path;
}
