import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Brief } from '../model/brief.js';

const require = createRequire(import.meta.url);

/** Font files come from npm packages, so every machine prints with the same faces. */
const textFaces = [
  '@fontsource/source-serif-4/400.css',
  '@fontsource/source-serif-4/400-italic.css',
  '@fontsource/source-serif-4/600.css',
  '@fontsource/source-serif-4/700.css',
  '@fontsource/source-sans-3/400.css',
  '@fontsource/source-sans-3/600.css',
  '@fontsource/source-sans-3/700.css',
];

/**
 * Faces a document loads only when it needs them, so a Latin brief without code stays as small
 * and as fast as before: each entry's test looks at the brief's text and markup.
 */
const optionalFaces: readonly { needed: (text: string) => boolean; faces: readonly string[] }[] = [
  {
    needed: (text) => /<(?:code|pre)[\s>]/.test(text),
    faces: [
      '@fontsource/source-code-pro/400.css',
      '@fontsource/source-code-pro/400-italic.css',
      '@fontsource/source-code-pro/600.css',
    ],
  },
];

const href = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;
const chosen = new WeakMap<Brief, string[]>();

/** The font stylesheets a brief's outputs link, in a fixed order. */
export function fontStylesheets(brief: Brief): string[] {
  let sheets = chosen.get(brief);
  if (!sheets) {
    const text = JSON.stringify(brief);
    sheets = [
      ...textFaces,
      ...optionalFaces.filter((entry) => entry.needed(text)).flatMap((entry) => entry.faces),
    ].map(href);
    chosen.set(brief, sheets);
  }
  return sheets;
}
