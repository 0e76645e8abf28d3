import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
    // Arrows, mathematical operators, letterlike, technical and super/subscript signs (→ ≤ ≥ ∑ ∞
    // ℋ ⁴ ⌈, and the slash and marks set over them: ≧̸), which the Source faces lack: Noto Sans
    // Math. Not ↑, ↓, −, ∕, ℓ, №, ™ (theirs).
    needed: (text) => mathRange.test(text),
    faces: () => [mathFace()],
  },
  {
    // Polytonic Greek (ἀρχῇ): Noto Serif's Greek Extended subset, in the serif of the body (the
    // Source faces draw monotonic Greek themselves).
    needed: (text) => /[\u1F00-\u1FFF]/u.test(text),
    faces: () => [
      '@fontsource/noto-serif/greek-ext-400.css',
      '@fontsource/noto-serif/greek-ext-400-italic.css',
      '@fontsource/noto-serif/greek-ext-700.css',
    ],
  },
  {
    // Technical signs, shapes, dingbats and their supplements (␣ ⌘ ● ■ ✓ ★)
    // that are not emoji: Noto Sans Symbols 2 (those that are go to the emoji face below).
    needed: (text) => /[\u2300-\u2307\u230C-\u243F\u25A0-\u27BF\u2B00-\u2BFF]/u.test(text),
    faces: () => ['@fontsource/noto-sans-symbols-2/symbols-400.css'],
  },
  {
    // Enclosed and dingbat numbers (① ⑵ ❶): Noto Sans Symbols.
    needed: (text) => /[\u2460-\u24FF\u2776-\u2793]/u.test(text),
    faces: () => ['@fontsource/noto-sans-symbols/symbols-400.css'],
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

const href = (specifier: string) =>
  specifier.startsWith('data:') ? specifier : pathToFileURL(require.resolve(specifier)).href;

/** What Noto Sans Math is loaded for (the characters the Source faces lack). */
const mathRanges =
  'U+0338,U+2070-209F,U+20D0-20F0,U+2100-2112,U+2114-2115,U+2117-2121,U+2123-214F,U+2190,U+2192,U+2194-21FF,U+2200-2211,U+2213-2214,U+2216-22FF,U+2308-230B,U+27C0-27FF,U+2900-2AFF,U+1D400-1D7FF';
const mathRange = new RegExp(
  `[${mathRanges
    .replace(/U\+([0-9A-F]+)/g, '\\u{$1}')
    .replace(/-([0-9A-F]+)/g, '-\\u{$1}')
    .replace(/,/g, '')}]`,
  'u',
);

/**
 * @fontsource ships the whole of Noto Sans Math as its one "latin" file but declares it for
 * Latin only, where the Source faces come first: this face declares the same file for the signs
 * it is there for. A stylesheet of its own as a data URL, naming the package's file. It has
 * one weight, declared for all: a bold sign is drawn regular, never a browser-emboldened copy
 * (which Chromium prints as a nameless Type 3 font).
 */
function mathFace(): string {
  const file = (format: string) =>
    pathToFileURL(
      join(
        dirname(require.resolve('@fontsource/noto-sans-math/400.css')),
        'files',
        `noto-sans-math-latin-400-normal.${format}`,
      ),
    ).href;
  const css = `@font-face{font-family:'Noto Sans Math';font-style:normal;font-display:swap;font-weight:100 900;src:url(${file('woff2')}) format('woff2'),url(${file('woff')}) format('woff');unicode-range:${mathRanges};}`;
  return `data:text/css,${encodeURIComponent(css)}`;
}
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
