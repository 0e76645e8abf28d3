import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Brief } from '../model/brief.js';
import { templatesDir, version } from '../paths.js';
import { labelsFor } from '../model/labels.js';
import { drawCharts } from './charts.js';
import { withExtras, type RenderExtras, type Templates } from './templates.js';

const require = createRequire(import.meta.url);

/** Font files come from npm packages, so every machine prints with the same faces. */
const fontStylesheets = [
  '@fontsource/source-serif-4/400.css',
  '@fontsource/source-serif-4/400-italic.css',
  '@fontsource/source-serif-4/600.css',
  '@fontsource/source-serif-4/700.css',
  '@fontsource/source-sans-3/400.css',
  '@fontsource/source-sans-3/600.css',
  '@fontsource/source-sans-3/700.css',
].map((specifier) => pathToFileURL(require.resolve(specifier)).href);

export const stylesheets = (...names: string[]): string[] => [
  ...fontStylesheets,
  ...names.map((name) => pathToFileURL(join(templatesDir, name)).href),
];

/** Charts in the brief: the text column's width, the brief's type size. */
const briefCharts = { width: 600, band: 26, height: 190, fontSize: 12 };

export async function renderBrief(
  brief: Brief,
  templates: Templates,
  extras: RenderExtras,
): Promise<string> {
  const html = templates.render('brief', {
    ...withExtras(extras),
    brief,
    labels: labelsFor(brief.meta.lang),
    stylesheets: stylesheets('theme.css', 'brief.css'),
    generator: `briefkit ${version}`,
  });
  return drawCharts(html, brief, briefCharts);
}
