/**
 * `briefkit build notes.md`: any Markdown file is an input, like md-to-pdf or Marp, with a
 * stats.yaml beside it when there is one; `-o` names a file when one output is asked for.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listFiles,
  makeTempDir,
  normalizeSpace,
  readPdf,
  removeDir,
  runCli,
  sourceDateEpoch,
  type CliResult,
} from './helpers.js';

const plainNotes = `---
title: Ferry Timetable Notes
date: 2026-02-10
---

## What changes

The winter timetable drops the late crossing.

:::slide
## The late crossing
- dropped in winter
- back in April
:::
`;

const sourcedNotes = `---
title: Orchard Yields
date: 2026-03-01
---

:::summary
Growers picked :stat[apples] this season.
:::

## Harvest

A dry summer, a good crop.
`;

const statsYaml = `sources:
  coop:
    publisher: Valley Growers Cooperative
    title: Season Report
    url: https://example.org/season
stats:
  apples:
    label: Apples picked
    value: 4200
    format: number
    unit: tonnes
    source: coop
`;

const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };

describe('a Markdown file as the input', () => {
  let dir: string;
  let deckRun: CliResult;
  let allRun: CliResult;
  beforeAll(async () => {
    dir = await makeTempDir('single-file');
    await mkdir(join(dir, 'notes', 'orchard'), { recursive: true });
    await writeFile(join(dir, 'notes', 'ferry-timetable.md'), plainNotes);
    await writeFile(join(dir, 'notes', 'orchard', 'yields-2026.md'), sourcedNotes);
    await writeFile(join(dir, 'notes', 'orchard', 'stats.yaml'), statsYaml);
    // Run side by side: each starts its own browser.
    [deckRun, allRun] = await Promise.all([
      runCli(['build', 'notes/ferry-timetable.md', '--format', 'deck', '-o', 'talk.pdf'], {
        cwd: dir,
        env,
      }),
      runCli(['build', 'notes/orchard/yields-2026.md', '--out', 'pdfs'], { cwd: dir, env }),
    ]);
  }, 170_000);
  afterAll(() => removeDir(dir));

  it('writes the one output asked for to the file -o names, and nothing else', async () => {
    expect(deckRun.stderr).toContain('wrote talk.pdf (');
    expect(deckRun.code).toBe(0);
    const files = await listFiles(dir);
    expect(files.filter((file) => !file.startsWith('notes/') && !file.startsWith('pdfs/'))).toEqual(
      ['talk.pdf'],
    );
    const pdf = await readPdf(await readFile(join(dir, 'talk.pdf')));
    // A deck: landscape slides, the title slide first, then the slide written in the file.
    expect(pdf.pages[0]?.width).toBeGreaterThan(pdf.pages[0]?.height ?? Infinity);
    expect(normalizeSpace(pdf.pages[0]?.text ?? '')).toContain('Ferry Timetable Notes');
    const slides = pdf.pages.map((page) => normalizeSpace(page.text)).join(' | ');
    expect(slides).toContain('The late crossing dropped in winter back in April');
  });

  it('builds every output into <folder>/<file name>/ and reads the stats.yaml beside the file', async () => {
    expect(allRun.stderr).toMatch(/5 file\(s\) written/);
    expect(allRun.code).toBe(0);
    expect(await listFiles(join(dir, 'pdfs'))).toEqual([
      'manifest.json',
      'yields-2026/brief.html',
      'yields-2026/brief.pdf',
      'yields-2026/deck.pdf',
      'yields-2026/deck.pptx',
      'yields-2026/handout.pdf',
    ]);
    const brief = await readPdf(await readFile(join(dir, 'pdfs', 'yields-2026', 'brief.pdf')));
    const text = normalizeSpace(brief.pages.map((page) => page.text).join(' '));
    expect(text).toContain('Orchard Yields');
    // The stat reads with its value and unit, and its footnote names the source.
    expect(text).toMatch(/Growers picked 4,200 tonnes ?1 this season/);
    expect(text).toContain('Valley Growers Cooperative');
  });

  it('refuses -o file.pdf when several outputs are asked for, writing nothing', async () => {
    const result = await runCli(['build', 'notes/ferry-timetable.md', '-o', 'all.pdf'], {
      cwd: dir,
      env,
    });
    expect(result.stderr).toContain(
      '-o all.pdf names one file, but 5 outputs are asked for: choose one with --format, or give a folder',
    );
    expect(result.code).toBe(2);
    expect(existsSync(join(dir, 'all.pdf'))).toBe(false);
  });

  it('takes a Quarto or R Markdown file named in the working folder as a file, not an id', async () => {
    await writeFile(join(dir, 'field-notes.qmd'), plainNotes);
    const result = await runCli(['check', 'field-notes.qmd'], { cwd: dir, env });
    expect(result.stderr).toContain('1 brief(s) checked');
    expect(result.code).toBe(0);
  });

  it('names a file that does not exist', async () => {
    const result = await runCli(['build', 'notes/missing.md'], { cwd: dir, env });
    expect(result.stderr).toContain('briefkit: No such file: notes/missing.md');
    expect(result.code).toBe(2);
  });

  it('checks a file, reporting its problems at their place in it', async () => {
    await writeFile(
      join(dir, 'notes', 'broken.md'),
      `---\ntitle: Broken\ndate: 2026-01-01\n---\n\nIt cites :stat[pears].\n`,
    );
    const result = await runCli(['check', 'notes/broken.md'], { cwd: dir, env });
    expect(result.stderr).toMatch(/^notes\/broken\.md:6:10 {2}error {2}.*`pears`/m);
    expect(result.code).toBe(1);
    const clean = await runCli(['check', 'notes/ferry-timetable.md'], { cwd: dir, env });
    expect(clean.stderr).toContain('1 brief(s) checked');
    expect(clean.code).toBe(0);
  });
});
