/**
 * The default content as a fact-checker reads it, through `briefkit sources --json`: every figure
 * and every cited source names a specific https page and the day it was read; a chart that
 * restates a stat agrees with it and its shares add up to the whole; and the briefing pack, which
 * repeats the policy brief's figures from its own stats.yaml, prints each one as the brief does,
 * from the same page.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { repoRoot, runCli } from './helpers.js';

interface Figure {
  kind: 'stat' | 'series' | 'cite';
  id: string;
  value: string;
  source: string;
  url: string;
  accessed: string;
  note: string;
}

interface StatsFile {
  stats: Record<string, { value: number; format?: string; series?: string }>;
  series: Record<string, { format?: string; data: Record<string, number> }>;
}

const briefs = ['mexico-us', 'delegation-packs'] as const;
const ledgers = new Map<string, Figure[]>();
const statsFiles = new Map<string, StatsFile>();

beforeAll(async () => {
  const result = await runCli(['sources', ...briefs, '--json']);
  expect(result.code, result.stderr).toBe(0);
  for (const ledger of JSON.parse(result.stdout) as { brief: string; figures: Figure[] }[])
    ledgers.set(ledger.brief, ledger.figures);
  for (const brief of briefs) {
    const text = await readFile(join(repoRoot, 'content', brief, 'stats.yaml'), 'utf8');
    statsFiles.set(brief, parseYaml(text) as StatsFile);
  }
});

describe.each(briefs)('default content: %s', (brief) => {
  it('names a specific https page and the day it was read for every figure and citation', () => {
    const figures = ledgers.get(brief) ?? [];
    expect(figures.length).toBeGreaterThan(0);
    for (const figure of figures) {
      const url = new URL(figure.url);
      expect(url.protocol, figure.id).toBe('https:');
      // A page, not a site's home page.
      expect(url.pathname.replace(/\/$/, ''), `${figure.id}: ${figure.url}`).not.toBe('');
      expect(figure.accessed, figure.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('charts a stat’s share as the stat gives it, and a chart’s shares add up to the whole', () => {
    const stats = statsFiles.get(brief) as StatsFile;
    for (const [id, stat] of Object.entries(stats.stats)) {
      const series = stat.series ? stats.series[stat.series] : undefined;
      if (stat.format !== 'percent' || series?.format !== 'percent') continue;
      expect(Object.values(series.data), id).toContain(stat.value);
    }
    for (const [id, series] of Object.entries(stats.series ?? {})) {
      if (series.format !== 'percent') continue;
      const total = Object.values(series.data).reduce((sum, value) => sum + value, 0);
      expect(total, id).toBeCloseTo(1, 9);
    }
  });
});

it('the briefing pack prints each figure it shares with the policy brief as the brief does, from the same page', () => {
  const brief = new Map((ledgers.get('mexico-us') ?? []).map((figure) => [figure.id, figure]));
  const shared = (ledgers.get('delegation-packs') ?? []).filter(
    (figure) => figure.kind !== 'cite' && brief.has(figure.id),
  );
  expect(shared.length).toBeGreaterThan(0);
  for (const figure of shared) {
    const same = brief.get(figure.id) as Figure;
    expect(
      { value: figure.value, url: figure.url, accessed: figure.accessed, note: figure.note },
      figure.id,
    ).toEqual({ value: same.value, url: same.url, accessed: same.accessed, note: same.note });
  }
});
