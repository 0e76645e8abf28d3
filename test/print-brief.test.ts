/**
 * The brief PDF, printed by a real Chromium and read back the way a reader (and a library
 * catalogue) would: text with pdf.js, document structure and metadata with pdf-lib. Each PDF is
 * built once per describe block, into a fresh temp folder, by the CLI a user runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  copyFixture,
  describeMessage,
  fixturesDir,
  listFiles,
  makeTempDir,
  normalizeSpace,
  parseReport,
  pdfDifferences,
  pdfFonts,
  pdfImages,
  png,
  readPdf,
  removeDir,
  repoRoot,
  runCli,
  sourceDateEpoch,
  type CliResult,
  type PdfReading,
} from './helpers.js';

const contentDir = join(repoRoot, 'content');
const build = (dir: string, out: string) =>
  runCli(['build', '--content', 'content', '--out', out], {
    cwd: dir,
    env: { SOURCE_DATE_EPOCH: String(sourceDateEpoch) },
  });

interface FrontMatter {
  title: string;
  subtitle: string;
  short_title?: string;
  date: string;
  authors: string[];
  organization: string;
  publication: string;
  keywords: string[];
}

interface StatsFile {
  sources: Record<string, { publisher: string; title: string; url: string }>;
}

/** The default brief's own words: what the PDF must show comes from the content, not the test. */
function readContent(id: string): { meta: FrontMatter; sections: string[]; stats: StatsFile } {
  const markdown = readFileSync(join(contentDir, id, 'brief.md'), 'utf8');
  const front = /^---\n([\s\S]*?)\n---/.exec(markdown)?.[1] ?? '';
  return {
    meta: parseYaml(front) as FrontMatter,
    sections: [...markdown.matchAll(/^## (.+)$/gm)].map((match) => (match[1] ?? '').trim()),
    stats: parseYaml(readFileSync(join(contentDir, id, 'stats.yaml'), 'utf8')) as StatsFile,
  };
}

/** For headings set in capitals and letter-spaced: compare letters only, ignoring case. */
const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();

const docText = (reading: PdfReading) =>
  normalizeSpace(reading.pages.map((page) => page.text).join('\n'));

function catalogLang(pdf: PDFDocument): string | undefined {
  return pdf.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText();
}

describe('default content: mexico-us brief (letter)', () => {
  const { meta, sections, stats } = readContent('mexico-us');
  let dir: string;
  let first: CliResult;
  let second: CliResult;
  let bytes: Uint8Array;
  let reading: PdfReading;
  let pdf: PDFDocument;

  beforeAll(async () => {
    dir = await makeTempDir('brief-pdf');
    await copyFixture(join(contentDir, 'mexico-us'), join(dir, 'content', 'mexico-us'));
    first = await build(dir, 'out');
    // A second build of the same inputs, for the "same inputs, same bytes" check.
    second = await build(dir, 'out-again');
    bytes = new Uint8Array(await readFile(join(dir, 'out', 'mexico-us', 'brief.pdf')));
    reading = await readPdf(bytes);
    pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  });

  afterAll(async () => {
    await removeDir(dir);
  });

  it('builds with exit code 0 and no content warnings', () => {
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(parseReport(first.stderr).map(describeMessage)).toEqual([]);
    expect(first.stderr).not.toMatch(/warning|error/i);
  });

  it('has 4 to 6 letter-size pages', () => {
    expect(reading.pages.length).toBeGreaterThanOrEqual(4);
    expect(reading.pages.length).toBeLessThanOrEqual(6);
    for (const page of reading.pages) {
      expect(page.width).toBeCloseTo(612, 0);
      expect(page.height).toBeCloseTo(792, 0);
    }
  });

  it('shows the figures formatted for en-US', () => {
    const text = docText(reading);
    for (const figure of ['$661.2 billion', '78%', '1.7 million', '10.6 million', '1,954 miles'])
      expect(text).toContain(figure);
  });

  it('has the cover block: publication, title, subtitle, organization, author, date', () => {
    const text = docText(reading);
    const page1 = normalizeSpace(reading.pages[0]?.text ?? '');
    expect(page1).toContain(meta.title);
    expect(page1).toContain(meta.subtitle);
    expect(page1).toContain(meta.organization);
    expect(page1).toContain(meta.authors[0]);
    expect(page1).toContain('November 25, 2026');
    expect(squash(page1)).toContain(squash(meta.publication));
    expect(text.indexOf(meta.title)).toBeLessThan(text.indexOf(sections[0] ?? '\u0000'));
  });

  it('has the executive summary and key figures on page 1', () => {
    const page1 = squash(reading.pages[0]?.text ?? '');
    expect(page1).toContain(squash('Executive summary'));
    expect(page1).toContain(squash('Key figures'));
  });

  it('has every section title, in order', () => {
    const text = docText(reading);
    expect(sections.length).toBeGreaterThanOrEqual(5);
    const positions = sections.map((title) => text.indexOf(title));
    for (const [index, title] of sections.entries())
      expect(positions[index], `section "${title}"`).toBeGreaterThanOrEqual(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('lists every source with publisher, title and URL, each URL a link', () => {
    const text = docText(reading);
    const tight = text.replace(/\s+/g, '');
    const urls = reading.pages.flatMap((page) => page.links.map((link) => link.url));
    expect(squash(text)).toContain(squash('Sources'));
    for (const source of Object.values(stats.sources)) {
      expect(text).toContain(source.publisher);
      expect(text).toContain(source.title);
      // Long URLs wrap across lines; the link annotation keeps them whole.
      expect(tight).toContain(source.url);
      expect(urls).toContain(source.url);
    }
  });

  it('numbers pages "Page N of M" on every page, M being the page count', () => {
    const count = reading.pages.length;
    for (const [index, page] of reading.pages.entries())
      expect(normalizeSpace(page.text)).toContain(`Page ${index + 1} of ${count}`);
  });

  it('links each source marker to its entry in the sources list', () => {
    const internal = reading.pages.flatMap((page) =>
      page.links.flatMap((link) => (link.dest ? [link.dest] : [])),
    );
    const sourceCount = Object.keys(stats.sources).length;
    for (let number = 1; number <= sourceCount; number++) {
      expect(reading.destinations).toContain(`source-${number}`);
      expect(internal).toContain(`source-${number}`);
    }
    for (const dest of internal) expect(reading.destinations).toContain(dest);
  });

  it('links the footnote reference to its note', () => {
    // brief.md cites a footnote ([^1]) in "Migration and security"; a reader clicks its marker.
    const targets = reading.destinations.filter((name) => /fn/.test(name));
    const internal = reading.pages.flatMap((page) =>
      page.links.flatMap((link) => (link.dest ? [link.dest] : [])),
    );
    expect(targets.length, `destinations: ${reading.destinations.join(', ')}`).toBeGreaterThan(0);
    expect(internal.some((dest) => targets.includes(dest))).toBe(true);
  });

  it('sets title, author, subject, keywords, creator and producer', () => {
    expect(pdf.getTitle()).toBe(meta.title);
    expect(pdf.getAuthor()).toBe(meta.authors.join('; '));
    expect(pdf.getSubject()).toBe(meta.subtitle);
    expect(pdf.getKeywords()).toBe(meta.keywords.join(', '));
    expect(pdf.getCreator()).toMatch(/^briefkit \d+\.\d+\.\d+/);
    expect(pdf.getProducer()).toMatch(/^briefkit/);
  });

  it('dates the document from SOURCE_DATE_EPOCH', () => {
    expect(pdf.getCreationDate()?.getTime()).toBe(sourceDateEpoch * 1000);
    expect(pdf.getModificationDate()?.getTime()).toBe(sourceDateEpoch * 1000);
  });

  it('declares its language and is a tagged PDF', () => {
    expect(catalogLang(pdf)).toBe('en-US');
    expect(pdf.catalog.has(PDFName.of('StructTreeRoot'))).toBe(true);
    const markInfo = pdf.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
    expect(markInfo?.get(PDFName.of('Marked'))).toBe(PDFBool.True);
    expect(reading.hasStructTree).toBe(true);
  });

  it('has an outline with every section title', () => {
    expect(pdf.catalog.has(PDFName.of('Outlines'))).toBe(true);
    for (const title of sections) expect(reading.outline).toContain(title);
    expect(reading.outline.map(squash)).toContain(squash('Sources'));
  });

  it('embeds only the bundled Source Serif 4 and Source Sans 3 fonts', async () => {
    const fonts = await pdfFonts(bytes);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name, font.baseFont).toMatch(/^(SourceSerif4|SourceSans3)/);
      expect(font.embedded, `${font.baseFont} is embedded`).toBe(true);
    }
    const names = fonts.map((font) => font.name).join(' ');
    expect(names).toMatch(/SourceSerif4/);
    expect(names).toMatch(/SourceSans3/);
    expect(names).not.toMatch(/Liberation|DejaVu|Noto|Arial|Helvetica|Times|Courier/);
  });

  it('records every written file in manifest.json with its bytes, pages, sha256 and cache key', async () => {
    const out = join(dir, 'out');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      files: { path: string; bytes: number; pages: number; sha256: string; key: string }[];
    };
    const entry = manifest.files.find((file) => file.path === 'mexico-us/brief.pdf');
    expect(entry).toEqual({
      path: 'mexico-us/brief.pdf',
      bytes: bytes.length,
      pages: reading.pages.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      key: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Each output has a key of its own: they are made from different templates.
    expect(new Set(manifest.files.map((file) => file.key)).size).toBe(manifest.files.length);
    for (const file of manifest.files) {
      const written = await readFile(join(out, file.path));
      expect(written.length, file.path).toBe(file.bytes);
      expect(createHash('sha256').update(written).digest('hex'), file.path).toBe(file.sha256);
      // PDFs count pages; the PowerPoint deck and the web edition are read by their own tests.
      if (!file.path.endsWith('.pdf')) continue;
      const doc = await PDFDocument.load(new Uint8Array(written), { updateMetadata: false });
      expect(doc.getPageCount(), file.path).toBe(file.pages);
    }
    // Nothing else is left behind (no temporary files from atomic writes).
    expect(await listFiles(out)).toEqual(
      ['manifest.json', ...manifest.files.map((file) => file.path)].sort(),
    );
  });

  it('gives the same bytes when built again from the same inputs', async () => {
    const again = new Uint8Array(await readFile(join(dir, 'out-again', 'mexico-us', 'brief.pdf')));
    const hash = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
    const differences = [];
    if (hash(again) !== hash(bytes)) {
      differences.push(`sha256 ${hash(bytes)} then ${hash(again)}`);
      differences.push(...(await pdfDifferences(bytes, again)));
    }
    expect(differences, 'objects that differ between the two builds').toEqual([]);
  });
});

describe('variants: a4 paper, unsafe HTML, es-MX', () => {
  let dir: string;
  let result: CliResult;
  const readings = new Map<string, { bytes: Uint8Array; reading: PdfReading }>();
  const chart = { width: 37, height: 23 };

  beforeAll(async () => {
    dir = await makeTempDir('brief-variants');
    const content = join(dir, 'content');
    await copyFixture(join(fixturesDir, 'pdf', 'content'), content);
    await copyFixture(join(contentDir, 'mexico-us'), join(content, 'mexico-us-a4'));
    const a4Brief = join(content, 'mexico-us-a4', 'brief.md');
    const markdown = await readFile(a4Brief, 'utf8');
    if (!/^paper: letter$/m.test(markdown))
      throw new Error('content/mexico-us has no paper: letter');
    await writeFile(a4Brief, markdown.replace(/^paper: letter$/m, 'paper: a4\noutputs: [brief]'));
    await mkdir(join(content, 'unsafe-html', 'assets'), { recursive: true });
    await writeFile(
      join(content, 'unsafe-html', 'assets', 'chart.png'),
      png(chart.width, chart.height, [30, 110, 180]),
    );
    result = await build(dir, 'out');
    for (const id of ['mexico-us-a4', 'unsafe-html', 'es-mx']) {
      const path = join(dir, 'out', id, 'brief.pdf');
      if (!existsSync(path)) continue;
      const bytes = new Uint8Array(await readFile(path));
      readings.set(id, { bytes, reading: await readPdf(bytes) });
    }
  });

  afterAll(async () => {
    await removeDir(dir);
  });

  function get(id: string): { bytes: Uint8Array; reading: PdfReading } {
    const found = readings.get(id);
    if (!found) throw new Error(`${id}/brief.pdf was not built:\n${result.stderr}`);
    return found;
  }

  it('builds all three with exit code 0', () => {
    expect(result.code, result.stderr).toBe(0);
    expect([...readings.keys()].sort()).toEqual(['es-mx', 'mexico-us-a4', 'unsafe-html']);
  });

  it('a4: prints on A4 pages (595 × 842 pt), 4 to 6 of them, numbered', () => {
    const { reading } = get('mexico-us-a4');
    expect(reading.pages.length).toBeGreaterThanOrEqual(4);
    expect(reading.pages.length).toBeLessThanOrEqual(6);
    for (const [index, page] of reading.pages.entries()) {
      expect(Math.round(page.width)).toBe(595);
      expect(Math.round(page.height)).toBe(842);
      expect(normalizeSpace(page.text)).toContain(`Page ${index + 1} of ${reading.pages.length}`);
    }
  });

  it('unsafe HTML: warns at the lines of the onclick and the <script>', () => {
    const messages = parseReport(result.stderr).map(describeMessage);
    const file = 'content/unsafe-html/brief.md';
    expect(messages).toContainEqual(expect.stringMatching(`^${file}:13:10 .*warning.*onclick`));
    expect(messages).toContainEqual(expect.stringMatching(`^${file}:15:1 .*warning.*<script>`));
    expect(messages.filter((message) => /\berror\b/.test(message))).toEqual([]);
  });

  it('unsafe HTML: keeps the text, drops the script', () => {
    const text = docText(get('unsafe-html').reading);
    expect(text).toContain('This has bold text.');
    expect(text).not.toContain('alert');
    expect(text).toContain('$661.6 billion');
  });

  it("unsafe HTML: prints the brief's own image from assets/", async () => {
    expect(await pdfImages(get('unsafe-html').bytes)).toContainEqual(chart);
  });

  it('es-MX: prints labels, dates and numbers in Spanish', () => {
    const { reading } = get('es-mx');
    const text = docText(reading);
    expect(squash(text)).toContain(squash('Resumen ejecutivo'));
    expect(squash(text)).toContain(squash('Cifras clave'));
    expect(squash(text)).toContain(squash('Fuentes'));
    expect(text).toContain('15 de enero de 2026');
    expect(text).toContain('consultado el 1 de noviembre de 2026');
    expect(text).toContain('1,954 millas');
    expect(text).toContain('11 millones');
    for (const [index, page] of reading.pages.entries())
      expect(normalizeSpace(page.text)).toContain(`Página ${index + 1} de ${reading.pages.length}`);
  });

  it('es-MX: declares the language es-MX', async () => {
    const pdf = await PDFDocument.load(get('es-mx').bytes, { updateMetadata: false });
    expect(catalogLang(pdf)).toBe('es-MX');
  });
});
