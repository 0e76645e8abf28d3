/**
 * model: the words briefkit itself writes come from the labels of the brief's language; parse
 * only marks what the writer asked for. A chart's source line and its description follow `lang`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { sourceCredit } from '../src/format.js';
import { loadBrief } from '../src/load/load-brief.js';
import { buildModel } from '../src/model/build-model.js';
import { parseBrief } from '../src/parse/parse-brief.js';
import { fillLabel, hasLabels, labelsFor, type Labels } from '../src/labels.js';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  normalizeSpace,
  pdfText,
  removeDir,
  runCli,
  sourceDateEpoch,
} from './helpers.js';

describe('a Spanish brief’s charts', () => {
  let dir: string | undefined;
  let text: string;
  let web: string;

  beforeAll(async () => {
    dir = await makeTempDir('labels');
    const content = join(dir, 'content');
    await copyFixture(join(fixturesDir, 'charts', 'content'), content);
    const brief = join(content, 'charts', 'brief.md');
    const source = await readFile(brief, 'utf8');
    await writeFile(brief, source.replace('date: 2026-01-05', 'date: 2026-01-05\nlang: es-MX'));
    const out = join(dir, 'out');
    const result = await runCli(
      ['build', '--content', content, '--out', out, '--format', 'brief,web'],
      { cwd: dir, env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) } },
    );
    expect(result.stderr).not.toMatch(/\d+:\d+\s+error\s/);
    expect(result.code).toBe(0);
    text = normalizeSpace(
      (await pdfText(await readFile(join(out, 'charts', 'brief.pdf')))).join(' '),
    );
    web = await readFile(join(out, 'charts', 'brief.html'), 'utf8');
  });
  afterAll(() => removeDir(dir));

  it('credits each chart’s source in Spanish', () => {
    expect(text).toMatch(
      /Fuente: Office of the United States Trade Representative, U\.S\.-Mexico Trade Facts\.\s?1/,
    );
    expect(text).not.toContain('Source:');
  });

  it('describes each chart in Spanish, its lists joined as Spanish joins them', () => {
    const names = [...web.matchAll(/<svg role="img" aria-label="([^"]+)"/g)].map((match) =>
      match[1]?.replace(/&#x27;/g, "'"),
    );
    expect(names).toHaveLength(3);
    expect(names[0]).toMatch(
      /^Gráfico de barras apiladas: Where exports went\. Compara United States y Rest of the world\. Máximo: United States, 75\s?%; mínimo: Rest of the world, 25\s?%\.$/,
    );
    expect(names[2]).toMatch(
      /^Gráfico de columnas: Exports and imports\. Compara 2019 y 2020 en Exports e Imports\. Máximo: Exports, 2019, .+; mínimo: Imports, 2020, .+\.$/,
    );
    for (const name of names) expect(name).not.toMatch(/chart|Compares|Highest|lowest/);
  });
});

describe('source credits and labels', () => {
  it('writes “Publisher, Title.” once, with no second stop after a title that ends in one', () => {
    const source = { publisher: 'Harbor Board', title: 'Annual Report' };
    expect(sourceCredit(source)).toBe('Harbor Board, Annual Report.');
    expect(sourceCredit(source, { stop: false })).toBe('Harbor Board, Annual Report');
    expect(sourceCredit({ ...source, title: 'Who Ships What?' })).toBe(
      'Harbor Board, Who Ships What?',
    );
  });

  it('fills a label’s places and leaves unknown ones and the values’ own braces alone', () => {
    expect(
      fillLabel('Compara {count} valores, de {first} a {last}', { count: 7, first: '{a}' }),
    ).toBe('Compara 7 valores, de {a} a {last}');
  });
});

describe('alert titles', () => {
  /** The first section of a brief in `lang` holding a warning and a tip, as the template gets it. */
  async function alertsIn(lang: string): Promise<string> {
    const dir = await makeTempDir('alerts');
    try {
      await mkdir(join(dir, 'alerts'));
      await writeFile(
        join(dir, 'alerts', 'brief.md'),
        `---\ntitle: Ferry notes\ndate: 2026-03-01\nlang: ${lang}\n---\n\n## Crossing\n\n` +
          '> [!WARNING]\n> The last boat leaves early on Sundays.\n\n> [!tip]\n> Buy tickets at the pier.\n',
      );
      await writeFile(join(dir, 'alerts', 'stats.yaml'), 'sources: {}\nstats: {}\n');
      const loaded = await loadBrief(dir, 'alerts', dir);
      expect(loaded.ok).toBe(true);
      const brief = buildModel(loaded, await parseBrief(loaded));
      return toHtml(brief.sections[0]?.body ?? { type: 'root', children: [] });
    } finally {
      await removeDir(dir);
    }
  }

  it('titles each alert with the word of the brief’s language, not the marker as written', async () => {
    const spanish = await alertsIn('es-MX');
    expect(spanish).toMatch(/markdown-alert-title"[^>]*>Advertencia<\/p>/);
    expect(spanish).toMatch(/markdown-alert-title"[^>]*>Consejo<\/p>/);
    expect(spanish).not.toMatch(/>warning<|>tip</i);
    const english = await alertsIn('en-GB');
    expect(english).toMatch(/markdown-alert-title"[^>]*>Warning<\/p>/);
    expect(english).toMatch(/markdown-alert-title"[^>]*>Tip<\/p>/);
  });

  it('titles them in Persian and Urdu too', async () => {
    const persian = await alertsIn('fa-IR');
    expect(persian).toMatch(/markdown-alert-title"[^>]*>هشدار<\/p>/);
    expect(persian).toMatch(/markdown-alert-title"[^>]*>نکته<\/p>/);
    const urdu = await alertsIn('ur-PK');
    expect(urdu).toMatch(/markdown-alert-title"[^>]*>انتباہ<\/p>/);
    expect(urdu).toMatch(/markdown-alert-title"[^>]*>مشورہ<\/p>/);
  });
});

describe('Persian and Urdu labels', () => {
  it('has every label in its own words, not English, and `check` warns for neither', async () => {
    const english = labelsFor('en');
    for (const lang of ['fa-IR', 'ur-PK']) {
      expect(hasLabels(lang), lang).toBe(true);
      const own = labelsFor(lang);
      for (const [key, value] of Object.entries(own) as [keyof Labels, string][]) {
        expect(value, `${lang} ${key}`).not.toBe(english[key]);
        // Each label keeps the places English fills in ({n}, {list}, …).
        expect(value.match(/\{\w+\}/g)?.sort(), `${lang} ${key}`).toEqual(
          english[key].match(/\{\w+\}/g)?.sort(),
        );
      }
    }
    expect(labelsFor('fa').sources).toBe('منابع');
    expect(labelsFor('ur').sources).toBe('مآخذ');
    const dir = await makeTempDir('labels-fa-ur');
    try {
      for (const [id, lang, title] of [
        ['persian', 'fa-IR', 'یادداشت آب'],
        ['urdu', 'ur-PK', 'پانی کا نوٹ'],
      ] as const) {
        await mkdir(join(dir, 'content', id), { recursive: true });
        await writeFile(
          join(dir, 'content', id, 'brief.md'),
          `---\ntitle: ${title}\ndate: 2026-01-01\nlang: ${lang}\n---\n\n## ${title}\n\n${title}\n`,
        );
      }
      const checked = await runCli(['check', '--content', 'content'], { cwd: dir });
      expect(checked.code, checked.stderr).toBe(0);
      expect(checked.stderr).not.toMatch(/unknown-language|no labels/);
    } finally {
      await removeDir(dir);
    }
  });
});
