/**
 * deck.pptx as a colleague who reuses slides meets it: LibreOffice opens it and shows the same
 * slides with the same words as deck.pdf; the package holds native charts with their numbers in
 * a sheet, notes in notes slides, text in text boxes, live links, one paragraph-properties
 * element per paragraph (PowerPoint repairs files with more), the document's properties; two
 * builds give the same bytes; a PowerPoint-only build needs no browser.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckFixtures, defaultContent, readPages, type ReadPage } from './deck-helpers.js';
import {
  fixturesDir,
  makeTempDir,
  normalizeSpace,
  removeDir,
  runCli,
  sourceDateEpoch,
} from './helpers.js';

const run = promisify(execFile);
const env = { SOURCE_DATE_EPOCH: String(sourceDateEpoch) };
const buildTimeout = 180_000;

interface Built {
  id: string;
  pptx: Buffer;
  zip: JSZip;
  deckPages: ReadPage[];
  /** deck.pptx as LibreOffice draws it, read back as PDF pages. */
  officePages: ReadPage[];
}

const cases = [
  { id: 'mexico-us', contentDir: defaultContent },
  { id: 'harbor', contentDir: join(deckFixtures, 'structure', 'content') },
  { id: 'charts', contentDir: join(fixturesDir, 'charts', 'content') },
  // 30 H1 chapters: an agenda over several slides, two columns each.
  { id: 'chapters', contentDir: join(deckFixtures, 'documents', 'content') },
];

let temp: string;
const built = new Map<string, Built>();

beforeAll(async () => {
  temp = await makeTempDir('pptx');
  for (const { id, contentDir } of cases) {
    const out = join(temp, id);
    const result = await runCli(
      ['build', id, '--content', contentDir, '--out', out, '--format', 'deck,pptx'],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const pptxPath = join(out, id, 'deck.pptx');
    const pptx = await readFile(pptxPath);
    const office = join(temp, `${id}-office`);
    await mkdir(office, { recursive: true });
    await run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', office, pptxPath], {
      timeout: 120_000,
      env: { ...process.env, HOME: temp },
    });
    built.set(id, {
      id,
      pptx,
      zip: await JSZip.loadAsync(pptx),
      deckPages: await readPages(await readFile(join(out, id, 'deck.pdf'))),
      officePages: await readPages(await readFile(join(office, 'deck.pdf'))),
    });
  }
}, buildTimeout * 2);

afterAll(() => removeDir(temp));

const words = (text: string): string[] =>
  normalizeSpace(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}%$.]+/u)
    .map((word) => word.replace(/\.+$/, ''))
    .filter((word) => word.length >= 3);

/** The slide's words as deck.pdf prints them, without the footer's "n / total". */
const slideWords = (page: ReadPage): string[] =>
  words(
    page.items
      .filter((item) => !/^\d+ \/ \d+$/.test(item.str.trim()))
      .map((item) => item.str)
      .join(' '),
  );

async function part(zip: JSZip, name: string): Promise<string> {
  const file = zip.file(name);
  if (!file) throw new Error(`${name} is missing from the package`);
  return file.async('string');
}

const slideNames = (zip: JSZip): string[] =>
  Object.keys(zip.files)
    .filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));

const relsOf = (name: string) => name.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels');

describe.each(cases.map((entry) => entry.id))('deck.pptx of %s', (id) => {
  const get = () => built.get(id) as Built;

  it('opens in LibreOffice with as many slides as deck.pdf', () => {
    const { deckPages, officePages } = get();
    expect(deckPages.length).toBeGreaterThan(5);
    expect(officePages.length).toBe(deckPages.length);
    expect(slideNames(get().zip)).toHaveLength(deckPages.length);
  });

  it("shows each slide's words on the same slide as deck.pdf", () => {
    const { deckPages, officePages } = get();
    deckPages.forEach((page, index) => {
      // LibreOffice breaks long URLs at other places than Chromium: compare without spaces.
      const office = (officePages[index]?.text ?? '').toLowerCase().replace(/\s+/g, '');
      const missing = slideWords(page).filter((word) => !office.includes(word));
      expect(missing, `slide ${index + 1}: ${page.flat.slice(0, 60)}`).toEqual([]);
    });
  });

  it('draws charts as native chart parts with their numbers in the sheet', async () => {
    const { zip } = get();
    const chartParts = Object.keys(zip.files).filter((name) =>
      /^ppt\/charts\/chart\d+\.xml$/.test(name),
    );
    const source = cases.find((entry) => entry.id === id) as (typeof cases)[number];
    const markdown = await readFile(join(source.contentDir, id, 'brief.md'), 'utf8');
    expect(chartParts).toHaveLength(markdown.match(/^::chart\{/gm)?.length ?? 0);
    for (const name of chartParts) {
      const xml = await part(zip, name);
      expect(xml).toMatch(/<c:(barChart|lineChart)>/);
      expect(xml).toContain('<c:dLbls>');
      expect(xml).toContain('<c:showVal val="1"/>');
      const rels = await part(
        zip,
        name.replace(/charts\/(chart\d+\.xml)$/, 'charts/_rels/$1.rels'),
      );
      const workbook = /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(rels)?.[1];
      expect(workbook, `${name} has no embedded workbook`).toBeDefined();
      const sheet = await JSZip.loadAsync(
        await (zip.file(`ppt/embeddings/${workbook}`) as JSZip.JSZipObject).async('uint8array'),
      );
      const cells = await (sheet.file('xl/worksheets/sheet1.xml') as JSZip.JSZipObject).async(
        'string',
      );
      // The values the chart draws (not its category names) are the sheet's numbers.
      const cached = (xml.match(/<c:val>.*?<\/c:val>/gs) ?? []).flatMap((values) =>
        [...values.matchAll(/<c:v>([^<]+)<\/c:v>/g)].map((match) => match[1]),
      );
      expect(cached.length).toBeGreaterThan(0);
      for (const value of cached) expect(cells).toContain(`<v>${value}</v>`);
    }
    // No chart slide is a picture.
    for (const name of slideNames(zip)) {
      const xml = await part(zip, name);
      if (xml.includes('<c:chart ')) expect(xml).not.toContain('<p:pic>');
    }
  });

  it('keeps the speaker notes in the notes pane', async () => {
    const { zip, deckPages } = get();
    const names = slideNames(zip);
    let withNotes = 0;
    for (const [index, page] of deckPages.entries()) {
      const note = page.annotations.find((annotation) => annotation.subtype === 'Text');
      if (!note) continue;
      withNotes++;
      const rels = await part(zip, relsOf(names[index] as string));
      const notesName = /Target="\.\.\/notesSlides\/([^"]+)"/.exec(rels)?.[1];
      const notes = await part(zip, `ppt/notesSlides/${notesName}`);
      const text = normalizeSpace(
        [...notes.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' '),
      );
      expect(unescapeXml(text)).toContain(normalizeSpace(note.contents).slice(0, 80));
    }
    if (id === 'mexico-us') expect(withNotes).toBeGreaterThan(3);
  });

  it('puts text in text boxes, one paragraph-properties element per paragraph', async () => {
    const { zip } = get();
    for (const name of [...slideNames(zip), 'ppt/slideMasters/slideMaster1.xml']) {
      const xml = await part(zip, name);
      for (const paragraph of xml.match(/<a:p>.*?<\/a:p>/gs) ?? []) {
        expect((paragraph.match(/<a:pPr[\s>/]/g) ?? []).length, name).toBeLessThanOrEqual(1);
      }
    }
    const agenda = await part(zip, slideNames(zip)[1] as string);
    expect(agenda).toContain('<p:txBody>');
    expect(agenda).toContain('<a:buAutoNum');
    expect(agenda).not.toContain('<p:pic>');
  });

  it("puts titles and bodies in the layouts' placeholders, and leaves none empty", async () => {
    const { zip } = get();
    const layouts = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(name))
        .map((name) => part(zip, name)),
    );
    const names = layouts.map((xml) => /<p:cSld name="([^"]+)"/.exec(xml)?.[1]);
    expect(names).toEqual(
      expect.arrayContaining(['Title Slide', 'Title and Content', 'Title Only']),
    );
    for (const xml of layouts.filter((layout) => /name="Title (and Content|Only)"/.test(layout)))
      expect(xml).toMatch(/<p:ph type="ftr"[^>]*>/);
    let bodies = 0;
    for (const name of slideNames(zip)) {
      const xml = await part(zip, name);
      const shapes = xml.match(/<p:sp>.*?<\/p:sp>/gs) ?? [];
      const placeholder = (type: string) =>
        shapes.filter((shape) => new RegExp(`<p:ph[^>]*type="${type}"`).test(shape));
      // Every slide's title is its title placeholder: PowerPoint's outline lists it.
      expect(placeholder('title'), name).toHaveLength(1);
      // The footer is the footer placeholder (PowerPoint's Header and Footer dialog), on every
      // slide but the title slide.
      expect(placeholder('ftr'), name).toHaveLength(name === 'ppt/slides/slide1.xml' ? 0 : 1);
      for (const shape of [...placeholder('title'), ...placeholder('body'), ...placeholder('ftr')])
        expect(shape, `${name}: an empty placeholder`).toMatch(/<a:t>[^<]/);
      const body = placeholder('body')[0];
      if (!body) continue;
      bodies++;
      // The body's text is in the placeholder, not in a text box over it.
      const free = shapes.filter((shape) => !shape.includes('<p:ph') && /<a:t>[^<]/.test(shape));
      expect(free, `${name}: text beside the body placeholder`).toEqual([]);
      // Charts and pictures sit on title-only slides.
      expect(xml).not.toMatch(/<c:chart |<p:pic>/);
    }
    expect(bodies).toBeGreaterThan(2);
  });

  it("keeps every box above the footer placeholder's top, and LibreOffice's text too", async () => {
    const { zip, officePages } = get();
    for (const [index, page] of officePages.entries()) {
      if (index === 0) continue;
      // The footer rule is 0.5 in above the page's bottom: below it, only the footer's words
      // and the slide number (a descender's depth of grace).
      const low = page.items.filter((item) => item.y < 0.5 * 72 + 2);
      const footer = unescapeXml(
        /<p:ph type="ftr".*?<a:t>([^<]*)<\/a:t>/s.exec(
          await part(zip, slideNames(zip)[index] as string),
        )?.[1] ?? '',
      );
      for (const item of low)
        expect(
          footer.includes(item.str.trim()) || /^\d+$/.test(item.str.trim()),
          `slide ${index + 1}: “${item.str}” is in the footer`,
        ).toBe(true);
    }
    for (const name of slideNames(zip).slice(1)) {
      const xml = await part(zip, name);
      const shapes = xml.match(/<p:(sp|graphicFrame|pic)>.*?<\/p:\1>/gs) ?? [];
      const box = (shape: string) => {
        const off = /<a:off x="(\d+)" y="(\d+)"\/>/.exec(shape);
        const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(shape);
        return { top: Number(off?.[2]), bottom: Number(off?.[2]) + Number(ext?.[2]) };
      };
      const footer = shapes.find((shape) => /<p:ph type="ftr"/.test(shape));
      expect(footer, `${name}: no footer`).toBeDefined();
      const footerTop = box(footer as string).top;
      for (const shape of shapes) {
        if (shape === footer || /<p:ph type="sldNum"/.test(shape)) continue;
        const what = /name="([^"]*)"/.exec(shape)?.[1];
        expect(box(shape).bottom, `${name}: ${what}`).toBeLessThan(footerTop);
      }
    }
  });

  it('sets the agenda in two columns, numbered on, as deck.pdf does', async () => {
    const { zip, deckPages } = get();
    const agendaPages = deckPages.filter((page) => /^\s*Agenda/.test(page.flat));
    const entries: string[] = [];
    for (const index of agendaPages.map((page) => deckPages.indexOf(page))) {
      const xml = await part(zip, slideNames(zip)[index] as string);
      const bodies = (xml.match(/<p:sp>.*?<\/p:sp>/gs) ?? []).filter((shape) =>
        /<p:ph[^>]*type="body"/.test(shape),
      );
      expect(bodies, `slide ${index + 1}: two columns`).toHaveLength(2);
      for (const body of bodies) {
        const start = /<a:buAutoNum[^>]*startAt="(\d+)"/.exec(body)?.[1];
        // Each column numbers on from the entries before it.
        expect(Number(start), `slide ${index + 1}`).toBe(entries.length + 1);
        entries.push(...(body.match(/<a:p>.*?<\/a:p>/gs) ?? []));
      }
    }
    expect(entries.length).toBeGreaterThan(1);
  });

  it('names every chart and picture for screen readers', async () => {
    const { zip } = get();
    for (const name of slideNames(zip)) {
      const xml = await part(zip, name);
      for (const frame of xml.match(/<p:graphicFrame>.*?<\/p:graphicFrame>/gs) ?? []) {
        if (!frame.includes('<c:chart ')) continue;
        expect(/descr="([^"]+)"/.exec(frame)?.[1], `${name}: chart without alt text`).toMatch(
          /chart/i,
        );
      }
      for (const picture of xml.match(/<p:pic>.*?<\/p:pic>/gs) ?? []) {
        expect(/descr="([^"]*)"/.exec(picture)?.[1], `${name}: picture without alt text`).not.toBe(
          '',
        );
      }
    }
  });
});

describe('deck.pptx of the default brief', () => {
  const get = () => built.get('mexico-us') as Built;

  it('links each source to its page', async () => {
    const { zip } = get();
    const targets: (string | undefined)[] = [];
    for (const name of slideNames(zip)) {
      const rels = await part(zip, relsOf(name));
      const xml = await part(zip, name);
      for (const match of xml.matchAll(/<a:hlinkClick r:id="(rId\d+)"/g))
        targets.push(new RegExp(`Id="${match[1]}"[^>]*Target="([^"]+)"`).exec(rels)?.[1]);
    }
    expect(targets).toContain(
      'https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters',
    );
  });

  it('sets a title that needs two lines smaller, so both fit above the content', async () => {
    const { zip } = get();
    const sizes = new Map<string, string | undefined>();
    for (const name of slideNames(zip).slice(1)) {
      const title = ((await part(zip, name)).match(/<p:sp>.*?<\/p:sp>/gs) ?? []).find((shape) =>
        /<p:ph[^>]*type="title"/.test(shape),
      );
      const text = [...(title ?? '').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join('');
      sizes.set(unescapeXml(text), /<a:rPr[^>]* sz="(\d+)"/.exec(title ?? '')?.[1]);
    }
    expect(sizes.get("Mexico's annual Colorado River allotment under the 1944 Water Treaty")).toBe(
      '2200',
    );
    expect(sizes.get('Background')).toBe('2700');
  });

  it('carries the document properties and the build date', async () => {
    const core = await part(get().zip, 'docProps/core.xml');
    expect(core).toContain(
      '<dc:title>Mexico–United States Relations: Trade, Migration and Bilateral Diplomacy</dc:title>',
    );
    expect(core).toContain('<dc:creator>Briefkit Policy Desk</dc:creator>');
    expect(core).toContain('<dc:language>en-US</dc:language>');
    expect(core).toContain('>2026-01-01T00:00:00Z</dcterms:created>');
    for (const entry of Object.values(get().zip.files))
      expect(entry.date.toISOString(), entry.name).toBe('2026-01-01T00:00:00.000Z');
  });

  it(
    'is byte-identical when built again',
    async () => {
      const out = join(temp, 'again');
      const result = await runCli(
        ['build', 'mexico-us', '--content', defaultContent, '--out', out, '--format', 'pptx'],
        { env },
      );
      expect(result.code, result.stderr).toBe(0);
      expect((await readFile(join(out, 'mexico-us', 'deck.pptx'))).equals(get().pptx)).toBe(true);
    },
    buildTimeout,
  );

  it(
    'needs no browser when only the PowerPoint file is asked for',
    async () => {
      const out = join(temp, 'no-browser');
      const result = await runCli(
        ['build', 'mexico-us', '--content', defaultContent, '--out', out, '--format', 'pptx'],
        { env: { ...env, PUPPETEER_EXECUTABLE_PATH: join(temp, 'no-such-browser') } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain(`deck.pptx (${get().deckPages.length} slides`);
      expect(result.stderr).not.toContain('brief.pdf');
    },
    buildTimeout,
  );
});

describe('deck.pptx of a brief with formulas', () => {
  let zip: JSZip;
  let office: ReadPage[];
  let deckPages: ReadPage[];
  let officePdf: string;
  let pptx: Buffer;
  beforeAll(async () => {
    const out = join(temp, 'math');
    const content = join(fixturesDir, 'corpus', 'content');
    const result = await runCli(
      ['build', 'quarto-report', '--content', content, '--out', out, '--format', 'deck,pptx'],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const pptxPath = join(out, 'quarto-report', 'deck.pptx');
    pptx = await readFile(pptxPath);
    zip = await JSZip.loadAsync(pptx);
    const officeDir = join(out, 'office');
    await run('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', officeDir, pptxPath], {
      timeout: 120_000,
      env: { ...process.env, HOME: temp },
    });
    officePdf = join(officeDir, 'deck.pdf');
    office = await readPages(await readFile(officePdf));
    deckPages = await readPages(await readFile(join(out, 'quarto-report', 'deck.pdf')));
  }, buildTimeout);

  const methodSlide = async () => {
    for (const name of slideNames(zip)) {
      const xml = await part(zip, name);
      if (xml.includes('<a:t>Storage at day </a:t>')) return { name, xml };
    }
    throw new Error('no slide “The method”');
  };

  it('pictures a displayed formula, named by its TeX source, where deck.pdf shows it', async () => {
    const { name, xml } = await methodSlide();
    const pictures = xml.match(/<p:pic>.*?<\/p:pic>/gs) ?? [];
    expect(pictures).toHaveLength(1);
    const picture = pictures[0] as string;
    expect(unescapeXml(/descr="([^"]*)"/.exec(picture)?.[1] ?? '')).toBe(
      'A = \\frac{S(t_1) - S_{\\min}}{S_0 - S_{\\min}} \\times \\bar{a}',
    );
    // The picture is a PNG in the package, three times as sharp as the slide shows it.
    const id = /<a:blip r:embed="(rId\d+)"/.exec(picture)?.[1];
    const rels = await part(zip, relsOf(name));
    const target = new RegExp(`Id="${id}"[^>]*Target="\\.\\./media/([^"]+)"`).exec(rels)?.[1];
    expect(target).toMatch(/\.png$/);
    const png = await (zip.file(`ppt/media/${target}`) as JSZip.JSZipObject).async('uint8array');
    const view = new DataView(png.buffer, png.byteOffset);
    const [width, height] = [view.getUint32(16), view.getUint32(20)];
    const extent = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(picture);
    // EMU: 914,400 to the inch; the picture has 3 × 96 pixels an inch.
    expect(Math.abs(width / 288 - Number(extent?.[1]) / 914_400)).toBeLessThan(0.02);
    expect(Math.abs(height / 288 - Number(extent?.[2]) / 914_400)).toBeLessThan(0.02);
    // About the formula's size on the PDF slide: wider than tall, a couple of lines high.
    expect(Number(extent?.[2]) / 914_400).toBeGreaterThan(0.4);
    expect(Number(extent?.[2]) / 914_400).toBeLessThan(1.2);
    // Centred on the slide, under the sentence before it.
    const left = Number(/<a:off x="(\d+)"/.exec(picture)?.[1]) / 914_400;
    expect(Math.abs(left + Number(extent?.[1]) / 914_400 / 2 - 0.7 - 8.6 / 2)).toBeLessThan(0.05);
  });

  it('writes inline formulas as text runs with real subscripts, editable', async () => {
    const { xml } = await methodSlide();
    const text = unescapeXml([...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(''));
    // KaTeX's MathML is read; its TeX source and its HTML copy are not.
    expect(text).toContain(
      'Storage at day t is S(t) = S0 − ∫0tq(u) du, where q is the net outflow.',
    );
    // The displayed one is the picture, not text as well.
    expect(text).not.toContain('Smin');
    expect(text).not.toContain('\\frac');
    const runs = [...xml.matchAll(/<a:r>(.*?)<\/a:r>/gs)].map((m) => m[1] as string);
    const subscripts = runs
      .filter((run) => /baseline="-\d+"/.test(run))
      .map((run) => /<a:t>([^<]*)<\/a:t>/.exec(run)?.[1]);
    expect(subscripts).toEqual(expect.arrayContaining(['0']));
  });

  it('opens in LibreOffice with as many slides as deck.pdf, the formula drawn', async () => {
    expect(office.length).toBe(deckPages.length);
    const flat = office
      .map((page) => page.text)
      .join('\n')
      .replace(/\s+/g, '');
    expect(flat).toContain('S(t)=S0−∫0tq(u)du,whereqisthenetoutflow.');
    // pdfimages lists the picture on the method slide's page.
    const method = office.findIndex((page) => page.flat.includes('Storage at day')) + 1;
    const { stdout } = await run('pdfimages', [
      '-list',
      '-f',
      String(method),
      '-l',
      String(method),
      officePdf,
    ]);
    expect(stdout.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image/.test(line))).not.toEqual([]);
  });

  it(
    'is byte-identical when built again, formula pictures included',
    async () => {
      const out = join(temp, 'math-again');
      const content = join(fixturesDir, 'corpus', 'content');
      const result = await runCli(
        ['build', 'quarto-report', '--content', content, '--out', out, '--format', 'pptx'],
        { env },
      );
      expect(result.code, result.stderr).toBe(0);
      expect((await readFile(join(out, 'quarto-report', 'deck.pptx'))).equals(pptx)).toBe(true);
    },
    buildTimeout,
  );
});

describe('choosing outputs', () => {
  it(
    'writes one Markdown file straight to the .pptx named by -o, and refuses a PDF name',
    async () => {
      const dir = join(temp, 'single');
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, 'talk.md'),
        '---\ntitle: Quick talk\ndate: 2026-12-01\n---\n\n## First part\n\n- One point\n- Another point\n',
      );
      const good = await runCli(['build', 'talk.md', '--format', 'pptx', '-o', 'talk.pptx'], {
        cwd: dir,
        env,
      });
      expect(good.code, good.stderr).toBe(0);
      const zip = await JSZip.loadAsync(await readFile(join(dir, 'talk.pptx')));
      expect(await part(zip, 'ppt/slides/slide3.xml')).toContain('<a:t>One point</a:t>');
      const wrong = await runCli(['build', 'talk.md', '--format', 'pptx', '-o', 'talk.pdf'], {
        cwd: dir,
        env,
      });
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toContain('the pptx output is a .pptx file: -o talk.pptx');
    },
    buildTimeout,
  );

  it('names the choices for an output it does not know', async () => {
    const result = await runCli(['build', '--format', 'brief,pptz', '--out', join(temp, 'bad')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('`pptz` is not an output; did you mean `pptx`?');
    expect(result.stderr).toContain('brief, deck, handout, pptx');
  });
});

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
