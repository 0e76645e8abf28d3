import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { readFrontMatter } from '../src/load/front-matter.js';
import { guessLanguage } from '../src/load/guess-language.js';

// Sentences written for these tests: a memo's opening in each language of the Arabic script.
const arabic = 'يتناول هذا التقرير ندرة المياه في المدن الساحلية، ويقترح ثلاث خطوات للسنة المقبلة.';
const persian =
  'این گزارش به کمبود آب در شهرهای ساحلی می‌پردازد و چهار پیشنهاد برای سال ۱۴۰۵ ارائه می‌کند.';
const urdu =
  'یہ رپورٹ ساحلی شہروں میں پانی کی کمی کے بارے میں ہے اور اگلے سال کے لیے چار تجاویز پیش کرتی ہے۔';

describe('guessLanguage in the Arabic script', () => {
  it('reads Arabic as ar, Persian as fa and Urdu as ur, each right to left', () => {
    expect(guessLanguage(`# عنوان\n\n${arabic}\n`)).toEqual({
      lang: 'ar',
      script: 'Arabic',
      rtl: true,
    });
    expect(guessLanguage(`# گزارش\n\n${persian}\n`)).toMatchObject({ lang: 'fa', rtl: true });
    expect(guessLanguage(`# رپورٹ\n\n${urdu}\n`)).toMatchObject({ lang: 'ur', rtl: true });
  });

  it('is not tipped by a loanword or a quotation in the other language', () => {
    // An Arabic text naming a Persian city (with پ) stays Arabic.
    expect(guessLanguage(`${arabic} ${arabic} زار الوفد مدينة پاوه.`)?.lang).toBe('ar');
    // A Persian text quoting one Arabic phrase stays Persian.
    expect(guessLanguage(`${persian} ${persian} «${arabic.slice(0, 20)}»`)?.lang).toBe('fa');
  });

  it('reads Persian digits alone as Persian', () => {
    expect(guessLanguage('بودجه ۱۴۰۵ و ۱۴۰۶ در دو جدول آمده است')?.lang).toBe('fa');
  });

  it('ignores code and links when counting', () => {
    const persianCode = '```\nپ پ پ پ پ پ\n```\n';
    expect(guessLanguage(`${persianCode}${arabic}\n`)?.lang).toBe('ar');
  });
});

describe('a Persian brief with no `lang`', () => {
  it('is read as fa, said in an info line, with labels of its own (no English-labels warning)', () => {
    const file = new VFile({
      path: 'brief.md',
      value: `---\ntitle: آب\ndate: 2026-01-05\n---\n\n${persian}\n`,
    });
    const { meta } = readFrontMatter(file, 'water');
    expect(meta?.lang).toBe('fa');
    const said = file.messages.map((message) => [message.ruleId, message.fatal, message.line]);
    expect(said).toEqual([['lang-guess', undefined, 1]]);
  });
});
