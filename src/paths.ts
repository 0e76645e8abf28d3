import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The briefkit package root: templates and fonts ship from here, not from the user's folder. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const templatesDir = join(packageRoot, 'templates');

const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  version: string;
};
export const version = packageJson.version;
