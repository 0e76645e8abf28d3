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

const weights = (name: string, list: readonly number[]) =>
  list.map((weight) => `@fontsource/${name}/${weight}.css`);

/** Han characters are drawn the way the brief's language writes them. */
const hanFont = (lang: string): string => {
  const language = lang.toLowerCase();
  if (language.startsWith('ja')) return 'noto-sans-jp';
  if (language.startsWith('ko')) return 'noto-sans-kr';
  return 'noto-sans-sc';
};

/**
 * Faces a document loads only when it needs them, so a Latin brief stays as small and as fast
 * as before: each entry's test looks at the brief's text and markup. Every family here is also
 * in theme.css's `--bk-script-fonts` stack, where the browser finds it for the characters the
 * Source faces lack; each @fontsource sheet splits a face into unicode-range subsets, and the
 * browser fetches (and the PDF embeds) only the subsets the text uses.
 */
const optionalFaces: readonly {
  needed: (text: string) => boolean;
  faces: (lang: string) => readonly string[];
}[] = [
  {
    // Markup as HTML strings or as hast trees (`"tagName":"code"`).
    needed: (text) => /<(?:code|pre)[\s>]|"tagName":"(?:code|pre)"/.test(text),
    faces: () => [
      '@fontsource/source-code-pro/400.css',
      '@fontsource/source-code-pro/400-italic.css',
      '@fontsource/source-code-pro/600.css',
    ],
  },
  {
    // Math typeset by KaTeX: its stylesheet places the glyphs and declares its own fonts, read
    // from the package (the PDF embeds only those the formulas use).
    needed: (text) => /"katex"|class="katex"/.test(text),
    faces: () => ['katex/dist/katex.min.css'],
  },
  {
    needed: (text) => /\p{Script=Arabic}/u.test(text),
    faces: () => weights('noto-sans-arabic', [400, 600, 700]),
  },
  {
    needed: (text) => /\p{Script=Hebrew}/u.test(text),
    faces: () => weights('noto-sans-hebrew', [400, 600, 700]),
  },
  {
    needed: (text) => /\p{Script=Devanagari}/u.test(text),
    faces: () => weights('noto-sans-devanagari', [400, 600, 700]),
  },
  {
    needed: (text) => /\p{Script=Han}|[\u3000-\u303F\uFF00-\uFFEF]/u.test(text),
    faces: (lang) => weights(hanFont(lang), [400, 700]),
  },
  {
    needed: (text) => /\p{Script=Hiragana}|\p{Script=Katakana}/u.test(text),
    faces: () => weights('noto-sans-jp', [400, 700]),
  },
  {
    needed: (text) => /\p{Script=Hangul}/u.test(text),
    faces: () => weights('noto-sans-kr', [400, 700]),
  },
  {
    // Pictographs shown as emoji by default, or asked to be by U+FE0F, and symbols only the
    // emoji face has (a hand-written footnote's ↩, ↔, ☎, ✈); not ©, ®, ™, ‼ or ⁉, which the
    // text faces draw.
    needed: (text) =>
      /\p{Emoji_Presentation}|\uFE0F|(?![\u00A9\u00AE\u203C\u2049\u2122])\p{Extended_Pictographic}/u.test(
        text,
      ),
    faces: () => ['@fontsource/noto-emoji/400.css'],
  },
];

const href = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;
const chosen = new WeakMap<Brief, string[]>();

/** The font stylesheets a brief's outputs link, in a fixed order. */
export function fontStylesheets(brief: Brief): string[] {
  let sheets = chosen.get(brief);
  if (!sheets) {
    const text = JSON.stringify(brief);
    const lang = brief.meta.lang;
    sheets = [
      ...textFaces,
      ...optionalFaces.filter((entry) => entry.needed(text)).flatMap((entry) => entry.faces(lang)),
    ].map(href);
    sheets = [...new Set(sheets)];
    chosen.set(brief, sheets);
  }
  return sheets;
}
