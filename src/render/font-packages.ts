/**
 * Every font package briefkit prints with (@fontsource faces, KaTeX's). Pages may read their files, the preview serves
 * them, and their versions are part of each output's cache key. Light: the planner imports it.
 */
export const fontPackages = [
  '@fontsource/source-serif-4',
  '@fontsource/source-sans-3',
  '@fontsource/source-code-pro',
  '@fontsource/noto-sans-arabic',
  '@fontsource/noto-sans-hebrew',
  '@fontsource/noto-sans-devanagari',
  '@fontsource/noto-sans-sc',
  '@fontsource/noto-sans-jp',
  '@fontsource/noto-sans-kr',
  '@fontsource/noto-sans-math',
  '@fontsource/noto-serif',
  '@fontsource/noto-sans-symbols-2',
  '@fontsource/noto-sans-symbols',
  '@fontsource/noto-emoji',
  // KaTeX's stylesheet and fonts, for math.
  'katex',
] as const;
