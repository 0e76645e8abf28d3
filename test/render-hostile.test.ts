/**
 * Values written by users reach CSS (margin boxes), HTML (cover, sources, charts) and PDF
 * metadata. Every field a brief, its stats, its CSV files and the config can set is given text
 * that tries to break out of its context; the PDFs must come out whole, with that text shown as
 * text. Built once by the CLI with a real Chromium, read back with pdf.js.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from './hostile-helpers.js';
import {
  makeTempDir,
  normalizeSpace,
  readPdf,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
  type PdfReading,
} from './helpers.js';

/**
 * Text that ends a CSS string (form feed, lone CR), closes rules and the <style>, opens markup
 * and script, and tries Handlebars: `tag` marks which field it came from.
 */
const breakout = (tag: string) =>
  `${tag}\f} } body { display: none } .x { \r</style></title><script>document.body.remove()</script>"'&<b>{{brief}}`;

/** As a YAML double-quoted scalar, so the control characters are written as escapes. */
const yaml = (tag: string) => JSON.stringify(breakout(tag)).replace(/\\u000c/g, '\\f');
/** As a quoted CSV field. */
const csv = (tag: string) => `"${breakout(tag).replace(/"/g, '""')}"`;

let dir: string;
let build: CliResult;
let brief: PdfReading;
let deck: PdfReading;

beforeAll(async () => {
  dir = await makeTempDir('hostile-output');
  await writeFiles(dir, {
    'briefkit.config.json': JSON.stringify({ brand: { organization: breakout('CONFIG-ORG') } }),
    'content/breakout/brief.md': `---
title: ${yaml('TITLE')}
subtitle: ${yaml('SUBTITLE')}
short_title: ${yaml('SHORT')}
date: 2026-01-01
authors: [${yaml('AUTHOR')}]
publication: ${yaml('PUBLICATION')}
classification: ${yaml('CLASSIFICATION')}
keywords: [${yaml('KEYWORD')}]
outputs: [brief, deck]
batch: { data: rows.csv, key: id, label: who }
---

## Opening section

The body begins here. Output was :stat[output] for :field[a&b].

::key-figure{stat=output}

::chart{series=trend type=bar}

The body ends here.
`,
    'content/breakout/stats.yaml': `sources:
  src:
    publisher: ${yaml('PUBLISHER')}
    title: ${yaml('SOURCE-TITLE')}
    url: "https://example.org/?q=%22%3E%3Cscript%3E"
stats:
  output:
    label: ${yaml('STAT-LABEL')}
    value: 1200
    unit: ${yaml('UNIT')}
    as_of: ${yaml('AS-OF')}
    note: ${yaml('NOTE')}
    source: src
    featured: true
series:
  trend:
    label: ${yaml('SERIES-LABEL')}
    source: src
    data: trend.csv
    columns: { category: year, value: amount }
`,
    'content/breakout/trend.csv': `year,amount\n${csv('CATEGORY')},5\nplain,7\n`,
    'content/breakout/rows.csv': `id,who,a&b\nfirst,${csv('PREPARED')},${csv('FIELD')}\n`,
  });
  build = await runCli(['build', '--content', 'content', '--out', 'out', '--allow-overflow'], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });
  if (build.code === 0) {
    brief = await readPdf(await readFile(join(dir, 'out', 'breakout', 'first', 'brief.pdf')));
    deck = await readPdf(await readFile(join(dir, 'out', 'breakout', 'first', 'deck.pdf')));
  }
});

afterAll(async () => {
  await removeDir(dir);
});

const allText = (reading: PdfReading) =>
  normalizeSpace(reading.pages.map((page) => page.text).join('\n'));

describe('breakout strings in every field', () => {
  it('builds', () => {
    expect(build.stderr).not.toMatch(/\n\s+at /);
    expect(build.code, build.stderr).toBe(0);
  });

  it('prints the whole brief body, however the margin-box strings end', () => {
    const text = allText(brief);
    expect(text).toContain('The body begins here.');
    expect(text).toContain('The body ends here.');
  });

  it('shows every field as text, markup and CSS included', () => {
    const text = allText(brief);
    for (const tag of [
      'TITLE',
      'SUBTITLE',
      'SHORT',
      'AUTHOR',
      'CONFIG-ORG',
      'CLASSIFICATION',
      'PUBLISHER',
      'SOURCE-TITLE',
      'STAT-LABEL',
      'SERIES-LABEL',
      'CATEGORY',
      'PREPARED',
      'FIELD',
    ]) {
      expect(text, tag).toContain(tag);
    }
    // The margin box shows the short title with its braces and words, not as CSS.
    expect(text).toMatch(/SHORT.{0,4}\} \} body \{ display: none \} \.x \{/);
    // The batch column `a&b` is filled in where the body asks for it.
    expect(text).toMatch(/for FIELD.{0,4}\} \} body/);
    expect(text).toContain('</style></title><script>document.body.remove()</script>');
  });

  it('prints the whole deck', () => {
    const text = allText(deck);
    expect(deck.pages.length).toBeGreaterThan(1);
    expect(text).toContain('Opening section');
    expect(text).toContain('TITLE');
  });
});
