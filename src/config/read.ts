import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VFile } from 'vfile';
import type { z } from 'zod';
import { error } from '../errors.js';
import { defaultLimits, type Limits } from '../load/limits.js';
import { isInsidePath, realPath } from '../load/resolve-inside.js';
import { parseYaml, placeOfPath, type Place } from '../load/yaml-file.js';
import { contentError } from '../messages.js';
import { nearest } from '../nearest.js';
import type { Palette } from './define.js';
import type { ResolvedConfig } from './resolved.js';
import { configSchema, keysAt, type ValidConfig } from './schema.js';

const maxConfigBytes = 1_000_000;
const logoTypes = new Set(['.svg', '.png', '.jpg', '.jpeg', '.webp']);

/**
 * Reads and validates a config file. Problems (unknown keys, wrong types, missing files) are
 * reported as messages on the file, each naming its key and where it is written, and stop the
 * command.
 */
export async function readConfigFile(
  file: string,
  cwd: string,
  /** The key that holds the config: `briefkit` in a package.json. */
  key?: string,
): Promise<ResolvedConfig> {
  const vfile = new VFile({ path: relative(cwd, file) || file, cwd });
  // A config is a few hundred bytes; a huge one is a mistake or an attack, not a setting.
  if (statSync(file).size > maxConfigBytes)
    error('USAGE', `${vfile.path} is over ${maxConfigBytes / 1_000_000} MB: not a briefkit config`);
  const raw =
    extname(file) === '.json' ? await readJson(file, vfile, key) : await importModule(file, vfile);
  const valid = raw === undefined ? undefined : check(raw, vfile);
  const resolved = valid && resolvePaths(file, valid, vfile);
  if (!resolved || vfile.messages.some((message) => message.fatal)) {
    error('CONFIG_INVALID', `${vfile.path} is not a valid briefkit config; nothing was done.`, [
      vfile,
    ]);
  }
  return resolved;
}

interface Source {
  /** Where a key path is written, when that can be known. */
  place(path: readonly PropertyKey[], atKey: boolean): Place | undefined;
}

const sources = new WeakMap<VFile, Source>();

async function readJson(file: string, vfile: VFile, key?: string): Promise<unknown> {
  const text = await readFile(file, 'utf8');
  vfile.value = text;
  const source = parseYaml(vfile, text);
  if (!source) return undefined;
  const prefix = key === undefined ? [] : [key];
  sources.set(vfile, { place: (path, atKey) => placeOfPath(source, [...prefix, ...path], atKey) });
  const json = (source.doc.toJS() ?? {}) as Record<string, unknown>;
  return key === undefined ? json : json[key];
}

/** `export default defineConfig({ … })`; a new import each time, so a preview sees edits. */
async function importModule(file: string, vfile: VFile): Promise<unknown> {
  vfile.value = await readFile(file, 'utf8');
  let module: { default?: unknown };
  try {
    module = await importConfig(file);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    return error('CONFIG_INVALID', `${basename(file)} could not be loaded: ${reason}`);
  }
  if (module.default === undefined) {
    error(
      'USAGE',
      `${basename(file)} has no default export: write \`export default defineConfig({ … })\``,
    );
  }
  return module.default;
}

/**
 * Node imports a config it can run as it is (an ES module beside `"type": "module"`, `.mjs`,
 * `.cjs`); TypeScript, and ES module syntax in a CommonJS project (a fresh `npm init`), go through
 * jiti, which transforms them. Each import is new, so a preview sees edits.
 */
async function importConfig(file: string): Promise<{ default?: unknown }> {
  if (!/\.[mc]?ts$/.test(file)) {
    const url = `${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`;
    try {
      return (await import(url)) as { default?: unknown };
    } catch (cause) {
      // Only "import/export in a CommonJS file" is worth a second try; other errors are the file's.
      if (!(cause instanceof SyntaxError) || !/import|export|module/i.test(cause.message))
        throw cause;
    }
  }
  const { createJiti } = await import('jiti');
  const jiti = createJiti(file, { moduleCache: false, fsCache: false });
  const exported = await jiti.import<unknown>(file);
  return exported && typeof exported === 'object' && 'default' in exported
    ? (exported as { default?: unknown })
    : { default: exported };
}

function check(raw: unknown, vfile: VFile): ValidConfig | undefined {
  const result = configSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) report(vfile, issue);
  return undefined;
}

function report(vfile: VFile, issue: z.core.$ZodIssue): void {
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const path = [...issue.path, key];
      const suggestion = nearest(key, keysAt(issue.path));
      const hint =
        suggestion === undefined
          ? ''
          : `; did you mean \`${dotted([...issue.path, suggestion])}\`?`;
      fail(vfile, `unknown key \`${dotted(path)}\`${hint}`, path, true);
    }
    return;
  }
  const got = issue.code === 'invalid_type' ? ` (got ${describeInput(issue.input)})` : '';
  fail(vfile, `\`${dotted(issue.path)}\`: ${issue.message}${got}`, issue.path, false);
}

function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  return `${typeof input} ${JSON.stringify(input)}`;
}

const dotted = (path: readonly PropertyKey[]): string =>
  path
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index > 0 ? '.' : ''}${String(key)}`,
    )
    .join('');

function fail(vfile: VFile, reason: string, path: readonly PropertyKey[], atKey: boolean): void {
  const place = sources.get(vfile)?.place(path, atKey) ?? findKey(String(vfile.value ?? ''), path);
  contentError(vfile, reason, place, 'config');
}

/** In a JavaScript config, the first place the path's keys are written in order (a good guess). */
function findKey(text: string, path: readonly PropertyKey[]): Place | undefined {
  let offset = 0;
  let found: number | undefined;
  for (const key of path) {
    if (typeof key === 'number') continue;
    const escaped = String(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`(?:^|[\\s{,])(['"]?)${escaped}\\1\\s*:`, 'g');
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) break;
    found = match.index + match[0].indexOf(String(key)) - (match[1] ? 1 : 0);
    offset = pattern.lastIndex;
  }
  if (found === undefined) return undefined;
  const before = text.slice(0, found).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** Paths in the config are relative to the config file; the files they name must exist. */
function resolvePaths(file: string, config: ValidConfig, vfile: VFile): ResolvedConfig {
  const dir = dirname(file);
  const requireFrom = createRequire(file);
  const logo = config.brand?.logo;
  let logoPath: string | undefined;
  if (logo !== undefined) {
    logoPath = resolve(dir, logo);
    if (!existsSync(logoPath) || !statSync(logoPath).isFile()) {
      // A folder or a device (`/dev/zero`) exists, but is no image file.
      const what = existsSync(logoPath) ? 'is not a file' : 'does not exist';
      fail(vfile, `\`brand.logo\`: ${logo} ${what}`, ['brand', 'logo'], false);
    } else if (!insideProject(dir, logoPath)) {
      fail(vfile, `\`brand.logo\`: ${logo} ${outsideProject}`, ['brand', 'logo'], false);
    } else if (!logoTypes.has(extname(logoPath).toLowerCase())) {
      fail(vfile, `\`brand.logo\`: use an SVG, PNG, JPEG or WebP image`, ['brand', 'logo'], false);
    }
  }
  const fonts: ResolvedConfig['fonts'] = {};
  for (const role of ['serif', 'sans'] as const) {
    const font = config.fonts?.[role];
    if (!font) continue;
    const stylesheets = font.stylesheets.map((sheet, index) => {
      const path = stylesheetPath(sheet, dir, requireFrom);
      if (!path) {
        fail(
          vfile,
          `\`fonts.${role}.stylesheets[${index}]\`: ${sheet} is neither a file beside the config nor a package file`,
          ['fonts', role, 'stylesheets', index],
          false,
        );
      } else if (path === resolve(dir, sheet) && !insideProject(dir, path)) {
        // A file beside the config (not one a package installed): inside the project.
        fail(
          vfile,
          `\`fonts.${role}.stylesheets[${index}]\`: ${sheet} ${outsideProject}`,
          ['fonts', role, 'stylesheets', index],
          false,
        );
      } else if (extname(path) !== '.css') {
        fail(
          vfile,
          `\`fonts.${role}.stylesheets[${index}]\`: ${sheet} is not a .css file`,
          ['fonts', role, 'stylesheets', index],
          false,
        );
      }
      return path ?? '';
    });
    fonts[role] = { family: font.family, stylesheets };
  }
  const folder = (value: string | undefined) =>
    value === undefined ? undefined : resolve(dir, value);
  return {
    file,
    contentDir: folder(config.content),
    outputDir: folder(config.output),
    paper: config.paper,
    organization: config.brand?.organization,
    logo: logoPath,
    palette: Object.fromEntries(
      Object.entries(config.brand?.palette ?? {}).filter(([, value]) => value !== undefined),
    ) as Palette,
    fonts,
    // Keys left out keep their defaults.
    limits: Object.fromEntries(
      Object.entries({ ...defaultLimits, ...config.limits }).map(([key, value]) => [
        key,
        value ?? defaultLimits[key as keyof Limits],
      ]),
    ) as unknown as Limits,
    strict: config.strict,
    staleAfter: config.staleAfter,
  };
}

const outsideProject =
  "is outside the project (the config's folder), or a link to a file outside it: copy it in";

/**
 * Brand files sit inside the project, links resolved: their folders become readable by every
 * brief (a stylesheet's fonts), so a logo at `/etc/x.svg` or a link to one would open `/etc`.
 */
function insideProject(dir: string, path: string): boolean {
  const real = realPath(path);
  return real !== undefined && isInsidePath(realPath(dir) ?? dir, real);
}

function stylesheetPath(
  sheet: string,
  dir: string,
  requireFrom: NodeJS.Require,
): string | undefined {
  const local = resolve(dir, sheet);
  if (existsSync(local) && statSync(local).isFile()) return local;
  if (sheet.startsWith('.') || isAbsolute(sheet)) return undefined;
  // The project's own packages first, then those installed with briefkit (its @fontsource faces).
  for (const from of [requireFrom, ownRequire]) {
    try {
      return from.resolve(sheet);
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

const ownRequire = createRequire(import.meta.url);
