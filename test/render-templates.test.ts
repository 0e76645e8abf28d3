/**
 * render: a user's own templates (`BRIEFKIT_TEMPLATES`) write their own markup around the parts
 * they are given, and keep their charts and sparks whatever that markup is.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeTempDir,
  normalizeSpace,
  pdfText,
  removeDir,
  repoRoot,
  runCli,
  sourceDateEpoch,
} from './helpers.js';

const brief = `---
title: Orchard Outlook
date: 2026-02-10
---

## Land

Apples hold most of the valley's orchard land, at :stat[apple-share].

::chart{series=harvest type=column title="Harvest by season"}

::key-figure{stat=apple-share}
`;

const stats = `sources:
  census:
    publisher: Valley Growers Census
    title: Orchard Land and Harvest Tables
    url: https://example.org/orchard-census
stats:
  apple-share:
    label: Orchard land under apples
    value: 0.62
    format: percent
    source: census
    featured: true
    series: land-use
series:
  land-use:
    label: Orchard land by crop
    format: percent
    source: census
    data: { Apples: 0.62, Pears: 0.38 }
  harvest:
    label: Harvest by season
    format: number
    source: census
    data: { "2023": 4105, "2024": 4550, "2025": 4972 }
`;

/** Rewrites `from` to `to` in a template, failing loudly when the template no longer has it. */
async function rewrite(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

describe('templates with their own chart markup', () => {
  let dir: string | undefined;
  let deck: string[];
  let web: string;

  beforeAll(async () => {
    dir = await makeTempDir('own-templates');
    const templates = join(dir, 'templates');
    await cp(join(repoRoot, 'templates'), templates, { recursive: true });
    // Other wrappers, other attribute order, other elements: the parts go where the template puts them.
    await rewrite(
      join(templates, 'deck.hbs'),
      '<figure class="slide-chart-figure" role="figure" aria-label="{{chart.alt}}"><div class="bk-chart-canvas">{{{chart.svg}}}</div></figure>',
      '<div aria-label="{{chart.alt}}" role="figure" class="slide-chart-figure house-chart"><section class="house-canvas" data-kind="{{chart.type}}">{{{chart.svg}}}</section></div>',
    );
    await rewrite(
      join(templates, 'partials', 'key-figures.hbs'),
      '{{#if spark}}<div class="bk-spark">{{{spark.svg}}}</div>{{/if}}',
      '{{#if spark}}<span data-stat="{{statId}}" class="house-spark">{{{spark.svg}}}</span>{{/if}}',
    );
    const content = join(dir, 'content', 'orchards');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'brief.md'), brief);
    await writeFile(join(content, 'stats.yaml'), stats);
    const out = join(dir, 'out');
    const result = await runCli(
      ['build', '--content', join(dir, 'content'), '--out', out, '--format', 'deck,web'],
      {
        cwd: dir,
        env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch), BRIEFKIT_TEMPLATES: templates },
      },
    );
    expect(result.stderr).not.toMatch(/\d+:\d+\s+error\s/);
    expect(result.code).toBe(0);
    deck = (await pdfText(await readFile(join(out, 'orchards', 'deck.pdf')))).map(normalizeSpace);
    web = await readFile(join(out, 'orchards', 'brief.html'), 'utf8');
  });
  afterAll(() => removeDir(dir));

  it('draws the chart on its slide inside the template’s own wrapper', () => {
    const slide = deck.find((page) => page.startsWith('Harvest by season'));
    expect(slide).toBeDefined();
    // The column chart's value labels and categories, printed as text.
    for (const words of ['4,105', '4,550', '4,972', '2023', '2025']) expect(slide).toContain(words);
  });

  it('draws the key figure’s spark inside the template’s own element', () => {
    expect(web).toMatch(/<span data-stat="apple-share" class="house-spark"><svg role="img"/);
    expect(web).not.toMatch(/data-spark=/);
  });

  it('still draws the charts written in the Markdown', () => {
    expect(web).toMatch(/<div class="bk-chart-canvas"><svg role="img" aria-label="Column chart/);
    expect(web).not.toMatch(/data-chart="\d+"><\/div>/);
  });
});

describe('templates with errors', () => {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await makeTempDir('bad-templates');
    const content = join(dir, 'content', 'orchards');
    await mkdir(content, { recursive: true });
    await writeFile(join(content, 'brief.md'), brief);
    await writeFile(join(content, 'stats.yaml'), stats);
  });
  afterAll(() => removeDir(dir));

  /** Builds with a copy of the templates edited by `edit`; returns the result and the output folder. */
  async function buildWith(name: string, edit: (templates: string) => Promise<void>) {
    const root = dir ?? '';
    const templates = join(root, name);
    await cp(join(repoRoot, 'templates'), templates, { recursive: true });
    await edit(templates);
    const out = join(root, `${name}-out`);
    const result = await runCli(['build', '--content', join(root, 'content'), '--out', out], {
      cwd: root,
      env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch), BRIEFKIT_TEMPLATES: templates },
    });
    return { result, out, templates };
  }

  it('names the file, line and column of the placeholder an old template still has', async () => {
    const { result, out, templates } = await buildWith('old', (templates) =>
      rewrite(
        join(templates, 'deck.hbs'),
        '<div class="bk-chart-canvas">{{{chart.svg}}}</div>',
        '<div class="bk-chart-canvas" data-chart="{{chart.index}}"></div>',
      ),
    );
    const source = await readFile(join(templates, 'deck.hbs'), 'utf8');
    const lines = source.split('\n');
    const line = lines.findIndex((text) => text.includes('data-chart="')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('data-chart="') + 1;
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(templates, 'deck.hbs')}:${line}:${column}  error  \`data-chart="\` is no longer filled in: write \`{{{chart.svg}}}\``,
    );
    await expect(readFile(join(out, 'orchards', 'deck.pdf'))).rejects.toThrow(/ENOENT/);
  });

  it('reports a syntax error at its line before anything is printed', async () => {
    const { result, out, templates } = await buildWith('broken', (templates) =>
      rewrite(join(templates, 'deck.hbs'), '{{{chart.svg}}}', '{{#if chart.svg}'),
    );
    const line =
      (await readFile(join(templates, 'deck.hbs'), 'utf8'))
        .split('\n')
        .findIndex((text) => text.includes('{{#if chart.svg}<')) + 1;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(`deck\\.hbs:${line}:\\d+  error  Template syntax: Parse error on line ${line}`),
    );
    expect(result.stderr).toContain('template-syntax');
    await expect(readFile(join(out, 'orchards', 'brief.pdf'))).rejects.toThrow(/ENOENT/);
  });
});
