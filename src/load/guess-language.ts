/**
 * A brief with no `lang` is read in the language its script says, so an Arabic text lays out
 * right to left and a Chinese one gets its labels, with no flag. Only scripts that name one
 * language well enough are guessed; Latin, Cyrillic and the rest stay the default.
 */
const scripts: readonly { pattern: RegExp; lang: string; name: string; rtl?: boolean }[] = [
  { pattern: /\p{Script=Arabic}/gu, lang: 'ar', name: 'Arabic', rtl: true },
  { pattern: /\p{Script=Hebrew}/gu, lang: 'he', name: 'Hebrew', rtl: true },
  { pattern: /\p{Script=Devanagari}/gu, lang: 'hi', name: 'Devanagari' },
  { pattern: /\p{Script=Hangul}/gu, lang: 'ko', name: 'Korean (Hangul)' },
  { pattern: /\p{Script=Hiragana}|\p{Script=Katakana}/gu, lang: 'ja', name: 'Japanese (kana)' },
  { pattern: /\p{Script=Han}/gu, lang: 'zh', name: 'Chinese (Han)' },
];

export interface LanguageGuess {
  lang: string;
  script: string;
  rtl: boolean;
}

/** The language of the text's main non-Latin script, when it writes 30% or more of the letters. */
export function guessLanguage(markdown: string): LanguageGuess | undefined {
  // Code, links' addresses and HTML tags are not the document's language.
  const text = markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/\]\([^)\s]*\)|<[^>\n]*>|https?:\/\/\S+/g, '');
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return undefined;
  const counts = scripts.map((entry) => ({
    ...entry,
    count: text.match(entry.pattern)?.length ?? 0,
  }));
  // Japanese writes Han and kana together: any real share of kana makes Han text Japanese.
  const kana = counts.find((entry) => entry.lang === 'ja');
  const han = counts.find((entry) => entry.lang === 'zh');
  if (kana && han && kana.count >= 0.1 * (kana.count + han.count)) {
    kana.count += han.count;
    han.count = 0;
  }
  const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
  if (best.count < 0.3 * letters) return undefined;
  return { lang: best.lang, script: best.name, rtl: best.rtl === true };
}
