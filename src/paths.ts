import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The briefkit package root: templates and fonts ship from here, not from the user's folder. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The templates and styles: briefkit's own, or a copy of them named by BRIEFKIT_TEMPLATES. */
export const templatesDir = process.env.BRIEFKIT_TEMPLATES
  ? resolve(process.env.BRIEFKIT_TEMPLATES)
  : join(packageRoot, 'templates');

const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  version: string;
};
export const version = packageJson.version;
