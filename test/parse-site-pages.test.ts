/**
 * A page written for a site generator (Jekyll front matter and `{% include %}` lines, Quarto's
 * `::: callout-note` written without braces and a `{{< include >}}` shortcode, footnotes written
 * by hand in HTML with `↩` back links), as government and project sites publish them: it builds
 * with no flags, prints none of the generator's syntax, its callouts as callouts, and every
 * character from embedded fonts (the ↩ from Noto Emoji, never a machine font).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyFixture,
  fixturesDir,
  makeTempDir,
  parseReport,
  pdfFonts,
  pdfText,
  removeDir,
  runCli,
  type CliResult,
} from './helpers.js';

let dir: string;
let built: CliResult;
let text: string;
let html: string;
let pdf: Uint8Array;

beforeAll(async () => {
  dir = await makeTempDir('site-pages');
  await copyFixture(join(fixturesDir, 'site-pages'), dir);
  built = await runCli(['build', 'memo.md', '--format', 'brief,web'], { cwd: dir });
  pdf = await readFile(join(dir, 'output', 'memo', 'brief.pdf'));
  text = (await pdfText(pdf)).join('\n');
  html = await readFile(join(dir, 'output', 'memo', 'brief.html'), 'utf8');
}, 170_000);

afterAll(async () => {
  await removeDir(dir);
});

describe('a page written for a site generator', () => {
  it('builds with no flags and says once that its generator tags are left out', () => {
    expect(built.code).toBe(0);
    const tags = parseReport(built.stderr).filter((message) => message.text.includes('site-tag'));
    expect(tags.map((message) => message.line)).toEqual([7]);
    expect(tags[0]?.text).toMatch(/^info {2}3 site generator tags \(the first here\) are left out/);
  });

  it('prints no generator syntax', () => {
    for (const literal of ['{%', '%}', '{{<', '>}}', ':::', 'callout-', 'include'])
      expect(text).not.toContain(literal);
    expect(text).toContain('Inspection crews log every pump');
  });

  it('prints Quarto’s bare `callout-note` and `callout-tip` as callouts, the tip titled by its heading', () => {
    expect(html).toMatch(/markdown-alert-note[\s\S]*Inspection crews log every pump/);
    expect(html).toMatch(
      /markdown-alert-tip[\s\S]*Schedule the spring visit early[\s\S]*Crews booked/,
    );
    // The callout's heading is its title, not a section of the memo.
    expect(html).not.toMatch(/<h2[^>]*>Schedule the spring visit early/);
  });

  it('keeps the hand-numbered notes list without bullets, as its style asked', () => {
    expect(html).toMatch(/<div class="bk-list-unmarked"><ul>\s*<li/);
    expect(html).not.toMatch(/<ul style=/);
  });

  it('draws the hand-written ↩ from the embedded emoji face, no machine font', async () => {
    expect(text).toContain('↩');
    const fonts = await pdfFonts(pdf);
    expect(fonts.map((font) => font.name)).toContain('NotoEmoji-Regular');
    for (const font of fonts) {
      expect(font.name).not.toMatch(/DejaVu|Droid|Liberation/);
      expect(font.embedded).toBe(true);
    }
  });
});
