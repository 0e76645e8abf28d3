/**
 * A brief with no `lang` is read in the language its script says, so an Arabic text lays out
 * right to left and a Chinese one gets its labels, with no flag. Only scripts that name one
 * language well enough are guessed (the Arabic script by its letters: Arabic, Persian or Urdu);
 * Latin, Cyrillic and the rest stay the default.
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
  if (best.lang === 'ar') return arabicScriptLanguage(text);
  return { lang: best.lang, script: best.name, rtl: best.rtl === true };
}

/**
 * Persian and Urdu write the Arabic script with letters Arabic does not use. Urdu's own letters
 * (ٹ ڈ ڑ ں ے ہ ھ) mark it first, since Urdu shares Persian's پ چ ژ گ ک ی and digits; Persian's
 * letters and digits (۰–۹) outnumbering Arabic's own (ة ي ك ى, ٠–٩) make the text Persian. A
 * loanword's پ in an Arabic text, or an Arabic quotation in a Persian one, does not tip it.
 */
function arabicScriptLanguage(text: string): LanguageGuess {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const arabicScript = count(/\p{Script=Arabic}/gu);
  const urdu = count(/[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06D2]/gu);
  const persian = count(/[\u067E\u0686\u0698\u06AF\u06A9\u06CC\u06F0-\u06F9]/gu);
  const arabic = count(/[\u0629\u064A\u0643\u0649\u0660-\u0669]/gu);
  if (urdu >= 0.02 * arabicScript) return { lang: 'ur', script: 'Urdu (Arabic script)', rtl: true };
  if (persian > arabic) return { lang: 'fa', script: 'Persian (Arabic script)', rtl: true };
  return { lang: 'ar', script: 'Arabic', rtl: true };
}
