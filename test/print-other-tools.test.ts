/**
 * Documents written for Pandoc/Quarto and kramdown, built with no flags and read back from the
 * PDFs (pdftotext, pdffonts' names through pdf-lib, sizes through pdfjs): no syntax of theirs is
 * printed, callouts and contents lists are, math is typeset with KaTeX's embedded fonts.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { readLayout } from './pdf-layout.js';

const corpusDir = join(fixturesDir, 'corpus', 'content');
const run = promisify(execFile);
/** brief.css: body text 10.2pt. */
const bodySize = 10.2;

async function pdftotext(path: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
  return stdout;
}

let dir: string;
let result: CliResult;
const out = (...parts: string[]) => join(dir, 'out', ...parts);

beforeAll(async () => {
  dir = await makeTempDir('other-tools');
  for (const id of ['quarto-report', 'kramdown-memo', 'quarto-figures', 'quarto-tables'])
    await copyFixture(join(corpusDir, id), join(dir, 'content', id));
  result = await runCli(['build', '--content', 'content', '--out', join(dir, 'out')], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });
}, 180_000);
afterAll(() => removeDir(dir));

it('builds each with no flags and no error', () => {
  expect(result.code, result.stderr).toBe(0);
  expect(parseReport(result.stderr).filter((message) => message.text.includes('error'))).toEqual(
    [],
  );
});

describe('a Quarto report: callouts, math, inline footnotes, heading ids', () => {
  let text: string;
  beforeAll(async () => void (text = await pdftotext(out('quarto-report', 'brief.pdf'))));

  it('prints none of the source syntax', () => {
    for (const literal of ['{#', '{.', ':::', '$$', '^[', '\\frac', '\\int', 'callout'])
      expect(text).not.toContain(literal);
  });

  it('prints callouts with their titles and plain divs with their content', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('NOTE Volumes below are in thousands');
    expect(flat).toContain('NOT A FORECAST The formula reads storage');
    // Quarto's leading heading is the callout's title, not a heading of the brief.
    expect(flat).toContain('PLAN FOR THE LOW CASE Order deliveries');
    expect(flat).toContain('Margin notes in the source appear as ordinary paragraphs here.');
  });

  it('numbers inline footnotes with the notes, their text at the end', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('winter forecast.1 Irrigators');
    expect(flat).toMatch(/1\. The forecast model is kept for comparison and is rerun each month\./);
    expect(flat).toMatch(/2\. Entitlements were last revised by the board in 2019/);
  });

  it('keeps dollar amounts as text, not math', () => {
    expect(text.replace(/\s+/g, ' ')).toContain('between $5 and $10 an acre-foot');
  });

  it('typesets math with KaTeX fonts embedded, in the brief, the deck and the handout', async () => {
    for (const name of ['brief.pdf', 'deck.pdf', 'handout.pdf']) {
      const fonts = await pdfFonts(await readFile(out('quarto-report', name)));
      const katex = fonts.filter((font) => font.name.startsWith('KaTeX_'));
      expect(
        katex.map((font) => font.name),
        name,
      ).toEqual(expect.arrayContaining(['KaTeX_Main-Regular', 'KaTeX_Math-Italic']));
      for (const font of fonts) expect(font.embedded, `${name}: ${font.name}`).toBe(true);
    }
  });

  it('sets the body text at the normal size', async () => {
    const pages = await readLayout(await readFile(out('quarto-report', 'brief.pdf')));
    const runs = pages.flatMap((page) => page.runs);
    for (const words of ['Irrigators asked', 'A district that uses less'])
      expect(runs.find((r) => r.str.includes(words))?.size.toFixed(1), words).toBe(
        bodySize.toFixed(1),
      );
  });

  it('inlines in the web edition only the KaTeX faces its formulas use', async () => {
    const html = await readFile(out('quarto-report', 'brief.html'), 'utf8');
    const faces = [...html.matchAll(/@font-face\s*\{[^}]*font-family:\s*(KaTeX_\w+)/g)].map(
      (match) => match[1],
    );
    expect(faces).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    expect(faces).not.toContain('KaTeX_Fraktur');
    expect(faces).not.toContain('KaTeX_Script');
    expect(html).not.toMatch(/url\((?!['"]?data:)[^)]*\)/i);
  });
});

describe('a kramdown memo in H3–H5 with {:toc}', () => {
  let text: string;
  beforeAll(async () => void (text = await pdftotext(out('kramdown-memo', 'brief.pdf'))));

  it('prints a contents list of its sections where {:toc} stands', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toMatch(
      /CONTENTS 1\. Purpose 2\. Background 3\. Timeline 4\. Who does what Purpose This memo/,
    );
  });

  it('prints none of the attribute lists', () => {
    for (const literal of ['{:', '{#', 'TOC', 'target=']) expect(text).not.toContain(literal);
  });

  it('takes its abbreviation definitions out of the text and marks each use as <abbr>', async () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('The RTA signs off the yard plan, and every PSV driver walks');
    for (const literal of ['*[', ']:', 'Regional Transport Authority', 'public service vehicle'])
      expect(text).not.toContain(literal);
    const html = await readFile(out('kramdown-memo', 'brief.html'), 'utf8');
    expect(html).toContain('<abbr title="Regional Transport Authority">RTA</abbr>');
    expect(html).toContain('<abbr title="public service vehicle">PSV</abbr>');
  });
});

describe('a Quarto page with figure attributes and braced fences', () => {
  let text: string;
  const messages = () =>
    parseReport(result.stderr).filter((m) => m.file.includes('quarto-figures'));
  beforeAll(async () => void (text = await pdftotext(out('quarto-figures', 'brief.pdf'))));

  it("takes the image's fig-alt as its alt text and its bracket text as the caption", async () => {
    const html = await readFile(out('quarto-figures', 'brief.html'), 'utf8');
    expect(html).toMatch(
      /<figure class="bk-figure"><img src="data:image\/png;base64,[^"]+" alt="A blue band standing for the river, gauges marked along it" width="60%"><figcaption>Gauges along the river, upstream to downstream<\/figcaption><\/figure>/,
    );
    expect(text).toContain('Gauges along the river, upstream to downstream');
    for (const literal of ['fig-alt', 'width=', '{fig', '%}']) expect(text).not.toContain(literal);
  });

  it('reads the language inside the braces and prints diagrams as their source', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('flowchart LR Gauge --> Volunteer --> Sheet');
    expect(flat).toContain('def check(rows):');
    expect(flat).toContain('summary(readings)');
    for (const literal of ['{mermaid}', '{.python', 'filename=', '{{r}}', '```'])
      expect(text).not.toContain(literal);
  });

  it('says once that diagrams print as source: no warning per block, none for TeX', () => {
    const texts = messages().map((message) => message.text);
    expect(texts.filter((line) => line.includes('diagram-source'))).toHaveLength(1);
    expect(texts.filter((line) => line.includes('diagram-source'))[0]).toMatch(/^info/);
    expect(texts.filter((line) => /missing-language|warning|error/.test(line))).toEqual([]);
  });

  it('highlights the Python fence named inside braces', async () => {
    const html = await readFile(out('quarto-figures', 'brief.html'), 'utf8');
    expect(html).toMatch(/<code class="hljs language-python">/);
  });
});

describe('Pandoc grid tables, list-tables and table captions', () => {
  let text: string;
  let html: string;
  beforeAll(async () => {
    text = await pdftotext(out('quarto-tables', 'brief.pdf'));
    html = await readFile(out('quarto-tables', 'brief.html'), 'utf8');
  });

  it('prints a grid table as a table, its cells parsed as Markdown', () => {
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Harbour to island');
    expect(flat).toContain('first boat at dawn');
    expect(flat).toContain('HBR-ISL');
    for (const literal of ['+---', '+===', '| ', '```']) expect(text).not.toContain(literal);
    const table = /<table>[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    expect(table).toMatch(/<th>Route<\/th>/);
    expect(table).toMatch(/<td>[\s\S]*<ul>[\s\S]*first boat at dawn[\s\S]*<\/ul>[\s\S]*<\/td>/);
    expect(table).toMatch(/<pre><code[^>]*>[\s\S]*HBR-ISL/);
  });

  it('prints the caption line as a caption, without its marker or attributes', () => {
    expect(html).toContain('<p class="bk-table-caption">Crossings on the two routes</p>');
    expect(text).not.toMatch(/tbl-colwidths|^: /m);
  });

  it('makes a list-table a table with its caption, fenced divs in its cells read', () => {
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables).toHaveLength(2);
    expect(tables[1]).toMatch(/<th>Vessel<\/th>/);
    expect(tables[1]).toMatch(/<td>Sixty<\/td>/);
    expect(html).toContain('<p class="bk-table-caption">The vessels in service this season.</p>');
    expect(text.replace(/\s+/g, ' ')).toContain('The Heron');
    expect(text).not.toMatch(/:::|pad-to-code-block|list-table|header-rows/);
  });

  it('shows light-content on paper and leaves dark-content out', () => {
    expect(text).toContain('The fleet is painted white and blue.');
    expect(text).not.toContain('The fleet seen on a dark page.');
  });
});
