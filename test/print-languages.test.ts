/**
 * Every language: an Arabic and a Chinese brief (test/fixtures/corpus/content/arabic-brief and
 * chinese-brief, written for these tests) and a Latin one with emoji shortcodes, built with no
 * flags by the CLI a user runs, and read back from the PDFs: the text is there, every font is
 * embedded and comes from briefkit's packages (never the machine's), and only the scripts a
 * brief uses are loaded.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLayout, type PageLayout, type TextRun } from './pdf-layout.js';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  parseReport,
  pdfFonts,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const corpusDir = join(fixturesDir, 'corpus', 'content');
const ids = [
  'arabic-brief',
  'chinese-brief',
  'lab-notes',
  'arabic-guide',
  'chinese-guide',
  'signs-and-greek',
];

/** The faces briefkit ships (@fontsource packages), by their PostScript names. */
const packagedFont =
  /^(?:SourceSerif4|SourceSans3|SourceCodePro|NotoSans(?:Arabic|Hebrew|Devanagari|SC|JP|KR|Math|Symbols)|NotoSerif|NotoEmoji)/;

let dir: string;
let result: CliResult;

beforeAll(async () => {
  dir = await makeTempDir('languages');
  for (const id of ids) await copyFixture(join(corpusDir, id), join(dir, 'content', id));
  result = await runCli(['build', '--content', 'content', '--out', 'out'], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });
}, 240_000);
afterAll(() => removeDir(dir));

const pdfPath = (id: string, kind: string) => join(dir, 'out', id, `${kind}.pdf`);
/** pdftotext's reading without spaces or direction marks: it splits Arabic words at joins. */
const textOf = (id: string, kind: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath(id, kind), '-'])
    .toString()
    .replace(/[\s\u200e\u200f\u202a-\u202e]+/g, '');
const fontsOf = async (id: string, kind: string) =>
  pdfFonts(new Uint8Array(await readFile(pdfPath(id, kind))));

it('builds the Arabic and Chinese briefs with no flags and no errors', () => {
  expect(result.code, result.stderr).toBe(0);
  expect(parseReport(result.stderr).filter((message) => /error/.test(message.text))).toEqual([]);
});

describe.each([
  ['arabic-brief', /^NotoSansArabic-/, ['الطاقةالشمسيةفيالمغرب', 'المحطاتالأربع']],
  ['chinese-brief', /^NotoSansSC/, ['南水北调：把长江的水送到华北', '主要线路', '丹江口水库']],
  // No front matter, and code blocks whose comments and strings are in the script.
  ['arabic-guide', /^NotoSansArabic-/, ['شكلملفالوصفة', 'الوصفةبلاعنوان']],
  ['chinese-guide', /^NotoSansSC/, ['社区菜谱库投稿说明', '检查每道菜都有菜名和用料', '缺少菜名']],
])('%s', (id, scriptFont, phrases) => {
  it.each(['brief', 'deck', 'handout'])(
    'prints its %s from embedded packaged fonts only, its script from Noto',
    async (kind) => {
      const fonts = await fontsOf(id, kind);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, font.baseFont).toBe(true);
        expect(font.name, `${kind}.pdf`).toMatch(packagedFont);
      }
      expect(fonts.some((font) => scriptFont.test(font.name))).toBe(true);
    },
  );

  it('has its words in the PDF text', () => {
    const text = textOf(id, 'brief');
    for (const phrase of phrases) expect(text).toContain(phrase);
  });
});

describe('emoji', () => {
  it('prints emoji characters and shortcodes from the packaged emoji font', async () => {
    expect(textOf('arabic-brief', 'brief')).toContain('☀');
    expect(textOf('chinese-brief', 'brief')).toContain('💧');
    expect(textOf('lab-notes', 'brief')).toContain('🌱');
    expect(textOf('lab-notes', 'brief')).toContain('👍');
    for (const id of ['arabic-brief', 'chinese-brief', 'lab-notes']) {
      const fonts = await fontsOf(id, 'brief');
      expect(
        fonts.some((font) => font.name.startsWith('NotoEmoji')),
        id,
      ).toBe(true);
    }
  });
});

describe('a Latin brief', () => {
  it('loads no font of another script, nor the sign faces', async () => {
    const fonts = await fontsOf('lab-notes', 'brief');
    expect(fonts.filter((font) => /^NotoS(?:ans|erif)/.test(font.name))).toEqual([]);
    const html = await readFile(join(dir, 'out', 'lab-notes', 'brief.html'), 'utf8');
    // The theme names every script's family; only the faces of used scripts are declared.
    const declared =
      /font-family:\s*'Noto (?:Sans (?:Arabic|Hebrew|Devanagari|SC|JP|KR|Math|Symbols)|Serif)/.test(
        html,
      );
    expect(declared).toBe(false);
  });
});

describe('arrows, mathematical signs, symbols and polytonic Greek', () => {
  it.each(['brief', 'deck', 'handout'])(
    'prints its %s from packaged faces: Noto Sans Math, Noto Serif, the Symbols faces',
    async (kind) => {
      const fonts = await fontsOf('signs-and-greek', kind);
      for (const font of fonts) {
        expect(font.embedded, font.baseFont).toBe(true);
        expect(font.name, `${kind}.pdf`).toMatch(packagedFont);
      }
      if (kind !== 'brief') return;
      for (const face of [/^NotoSansMath-/, /^NotoSerif-Regular/, /^NotoSansSymbols2?-/])
        expect(
          fonts.some((font) => face.test(font.name)),
          String(face),
        ).toBe(true);
    },
  );

  it('has every sign and letter in the PDF text', () => {
    const text = textOf('signs-and-greek', 'brief');
    for (const phrase of [
      'inflow→tank→outflow',
      'back←again',
      'ends↔meet',
      'fault⇒astop',
      'x≤40',
      'x≥90',
      'x≠0',
      'is∑of',
      'never∞',
      'sign␣marks',
      '✓apass',
      '●abullet',
      '①isthe',
      '⌈x⌉',
      'Ἐνἀρχῇἦνὁλόγος',
      'ὥρα',
    ])
      expect(text).toContain(phrase);
  });
});

/** The mean x of runs (in points from the page's left edge). */
const meanX = (runs: readonly TextRun[]) =>
  runs.reduce((sum, run) => sum + run.x, 0) / Math.max(1, runs.length);
const layoutOf = async (id: string, kind: string): Promise<PageLayout[]> =>
  readLayout(new Uint8Array(await readFile(pdfPath(id, kind))));
const band = 60;

describe('right to left', () => {
  it("mirrors the Arabic brief's running header and footer; the Chinese one stays left to right", async () => {
    for (const [id, rtl] of [
      ['arabic-brief', true],
      ['chinese-brief', false],
    ] as const) {
      const page = (await layoutOf(id, 'brief'))[1] as PageLayout;
      const middle = page.width / 2;
      const header = page.runs.filter((run) => run.y > page.height - band);
      const footer = page.runs.filter((run) => run.y < band);
      // The publication line (`… 7`, `… 12 期`) holds the header's digits; the short title holds
      // none. The footer's digits are the page numbers beside the short title.
      const digits = (runs: TextRun[]) => runs.filter((run) => /\d/.test(run.str));
      const words = (runs: TextRun[]) => runs.filter((run) => /\p{L}/u.test(run.str));
      expect(digits(header).length, id).toBeGreaterThan(0);
      expect(digits(footer).length, id).toBeGreaterThan(0);
      const titleSide = words(header).filter((run) => !digits(header).includes(run));
      if (rtl) {
        for (const run of digits(header)) expect(run.x, `${id} publication`).toBeLessThan(middle);
        expect(Math.max(...titleSide.map((run) => run.x)), `${id} title`).toBeGreaterThan(
          page.width * 0.8,
        );
        for (const run of digits(footer))
          expect(run.x, `${id} page number`).toBeGreaterThan(middle);
      } else {
        for (const run of digits(header))
          expect(run.x, `${id} publication`).toBeGreaterThan(middle);
        expect(Math.min(...titleSide.map((run) => run.x)), `${id} title`).toBeLessThan(
          page.width * 0.2,
        );
        for (const run of digits(footer)) expect(run.x, `${id} page number`).toBeLessThan(middle);
      }
    }
  });

  it("mirrors the deck's slides and the handout's sheets", async () => {
    for (const [id, rtl] of [
      ['arabic-brief', true],
      ['chinese-brief', false],
    ] as const) {
      // The agenda slide: its heading and list start at the right edge right to left.
      const slide = (await layoutOf(id, 'deck'))[1] as PageLayout;
      const top = slide.runs.filter((run) => run.y > slide.height * 0.5);
      expect(meanX(top) > slide.width / 2, `${id} deck`).toBe(rtl);
      // Slides are imposed on the right of a handout sheet right to left, lines on the left.
      const sheet = (await layoutOf(id, 'handout'))[0] as PageLayout;
      const slides = sheet.runs.filter((run) => run.y > band && run.y < sheet.height - band);
      expect(meanX(slides) > sheet.width / 2, `${id} handout`).toBe(rtl);
    }
  });

  it('sets dir="rtl" on the web edition of the Arabic brief only', async () => {
    const arabic = await readFile(join(dir, 'out', 'arabic-brief', 'brief.html'), 'utf8');
    const chinese = await readFile(join(dir, 'out', 'chinese-brief', 'brief.html'), 'utf8');
    expect(arabic).toMatch(/<html lang="ar" dir="rtl">/);
    expect(chinese).toMatch(/<html lang="zh-CN">/);
  });
});

describe('labels and formats in the language', () => {
  it("prints the Arabic and Chinese briefs' own words, dates and numbers in their language", () => {
    const arabic = textOf('arabic-brief', 'brief');
    for (const label of ['الملخصالتنفيذي', 'المصادر', 'ملاحظات', 'صفحة', 'أكتوبر2026'])
      expect(arabic).toContain(label);
    expect(textOf('arabic-brief', 'deck')).toContain('جدولالأعمال');
    const chinese = textOf('chinese-brief', 'brief');
    for (const label of ['内容摘要', '资料来源', '注释', '页码', '2026年9月20日', '1,432公里'])
      expect(chinese).toContain(label);
    expect(textOf('chinese-brief', 'deck')).toContain('议程');
  });

  it('warns in `check` about a language without labels, at its front matter line', async () => {
    const work = await makeTempDir('languages-check');
    try {
      await mkdir(join(work, 'content', 'thai'), { recursive: true });
      await writeFile(
        join(work, 'content', 'thai', 'brief.md'),
        '---\ntitle: ทดสอบ\ndate: 2026-01-01\nlang: th\n---\n\n## หัวข้อ\n\nข้อความ\n',
      );
      const checked = await runCli(['check', '--content', 'content'], { cwd: work });
      expect(checked.code, checked.stderr).toBe(0);
      const warnings = parseReport(checked.stderr).filter((message) =>
        message.text.includes('unknown-language'),
      );
      expect(warnings.map((message) => [message.file, message.line, message.column])).toEqual([
        [join('content', 'thai', 'brief.md'), 4, 7],
      ]);
      expect(warnings[0]?.text).toContain('`lang: th`');
    } finally {
      await removeDir(work);
    }
  });
});

describe('a brief with no `lang`', () => {
  it('is read in the language of its script, said in one info line each', () => {
    const guesses = parseReport(result.stderr).filter((message) =>
      message.text.includes('lang-guess'),
    );
    expect(guesses.map((message) => [message.file, message.line])).toEqual([
      ['content/arabic-guide/brief.md', 1],
      ['content/chinese-guide/brief.md', 1],
    ]);
    expect(guesses[0]?.text).toMatch(/^info .*`lang: ar`, right to left/);
    expect(guesses[1]?.text).toMatch(/^info .*`lang: zh`;/);
  });

  it('lays Arabic out right to left with labels in Arabic, Chinese with labels in Chinese', async () => {
    const arabic = await readFile(join(dir, 'out', 'arabic-guide', 'brief.html'), 'utf8');
    const chinese = await readFile(join(dir, 'out', 'chinese-guide', 'brief.html'), 'utf8');
    expect(arabic).toMatch(/<html lang="ar" dir="rtl">/);
    expect(chinese).toMatch(/<html lang="zh">/);
    expect(textOf('arabic-guide', 'brief')).toContain('صفحة');
    expect(textOf('arabic-guide', 'deck')).toContain('جدولالأعمال');
    expect(textOf('chinese-guide', 'brief')).toContain('页码');
    expect(textOf('chinese-guide', 'deck')).toContain('议程');
    // The date under the title sits at the right edge of an Arabic page.
    const first = (await layoutOf('arabic-guide', 'brief'))[0] as PageLayout;
    const date = first.runs.filter((run) => run.y > first.height * 0.75 && /2026/.test(run.str));
    expect(date.length).toBeGreaterThan(0);
    for (const run of date) expect(run.x).toBeGreaterThan(first.width * 0.6);
  });

  it('keeps code left to right in an Arabic brief', async () => {
    const page = (await layoutOf('arabic-guide', 'brief'))[0] as PageLayout;
    const def = page.runs.find((run) => run.str.startsWith('def'));
    expect(def, 'the code line `def check(recipe):`').toBeDefined();
    expect((def as TextRun).x).toBeLessThan(page.width * 0.3);
  });

  it('prints a web badge as its alt text, never its address', () => {
    expect(textOf('arabic-guide', 'brief')).toContain('حالةالبناء');
    expect(textOf('chinese-guide', 'brief')).toContain('构建状态');
    expect(textOf('chinese-guide', 'brief')).not.toContain('img.example.org');
    const warned = parseReport(result.stderr).filter((message) =>
      message.text.includes('image-remote'),
    );
    expect(warned.map((message) => message.text.split(' ')[0])).toEqual(['warning', 'warning']);
  });
});
