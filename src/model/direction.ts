/** Languages written right to left (ISO 639 codes), and scripts that are. */
const rtlLanguages = new Set([
  'ar',
  'he',
  'iw',
  'fa',
  'ur',
  'ps',
  'sd',
  'ug',
  'yi',
  'dv',
  'ckb',
  'syr',
]);
const rtlScripts = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

/** Which way a language's text runs: `ar`, `he`, `fa`, `ur` … right to left, `az-Arab` too. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(lang);
    if (locale.script) return rtlScripts.has(locale.script) ? 'rtl' : 'ltr';
    return rtlLanguages.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
