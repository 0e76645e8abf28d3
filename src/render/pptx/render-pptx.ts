import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { imageSize } from 'image-size';
import type { DocumentOptions } from '../../model/options.js';
import type { Brief } from '../../model/brief.js';
import type { Slide } from '../../model/deck.js';
import { isReadable } from '../../load/resolve-inside.js';
import { labelsFor, type Labels } from '../../labels.js';
import type { Block, Paragraph, Run } from './blocks.js';
import { addNativeChart, type Box } from './chart.js';
import {
  PptxGenJS,
  type PlaceholderOptions,
  type Presentation,
  type PptxSlide,
  type TableRow,
  type TextOptions,
  type TextRun,
} from './pptxgen.js';
import { bodyBlocks, itemRuns } from './slide-content.js';
import { formulaSheet, type DrawFormulas, type FormulaPicture } from './formula-sheet.js';
import { footerName } from '../../office-parts.js';
import { slidePage, slideType } from '../../slide-size.js';
import { itemHeight } from '../../model/paginate-slide.js';

/** The deck's look in PowerPoint's units (inches, points), from src/slide-size.ts and theme.css. */
const page = { w: slidePage.width / 72, h: slidePage.height / 72 };
const margin = { left: 0.7, right: 0.7 };
const content: Box = { x: margin.left, y: 1.2, w: page.w - margin.left - margin.right, h: 3.6 };
const type = {
  title: slideType.title,
  body: slideType.body,
  small: slideType.least,
  value: 66,
  footer: 10,
};
/**
 * The deck's layouts, as PowerPoint names them in Layout and Reset: a title slide, a title with
 * its body in the body placeholder (bullets, agendas, recommendations, sources: PowerPoint's
 * outline shows them), and a title alone over charts, figures, tables and pictures, so that no
 * empty body placeholder lies under them.
 */
const titleMaster = 'Title Slide';
const contentMaster = 'Title and Content';
const titleOnlyMaster = 'Title Only';
/** The agenda, in two columns as deck.pdf sets it (deck.css: `columns: 2`). */
const twoContentMaster = 'Two Content';
/** Agenda entries are 0.95 of the body size (deck.css), numbered on from column to column. */
const agendaScale = 0.95;
const columnGap = 0.5;
/** Where the footer rule lies, and the source line's bottom above it (deck.css: 0.55 in). */
const footerRule = page.h - 0.5;
const sourceBottom = page.h - 0.55;
const sourceSize = 10;
/** Slides whose whole body is one text, in the body placeholder. */
const textKinds = new Set<Slide['kind']>(['agenda', 'divider', 'recommendations', 'sources']);

/** The theme's defaults (templates/theme.css), under the config's brand palette and fonts. */
const themeDefaults = {
  primary: '#1b4a72',
  accent: '#b5542f',
  ink: '#1c2330',
  muted: '#56606e',
  rule: '#c9d1db',
  panel: '#eef2f6',
};
const monospace = 'Courier New';
const rightToLeft = /^(ar|he|fa|ur)\b/i;

interface Look {
  colour: Record<keyof typeof themeDefaults, string>;
  /** A slide's own ink (Marp's `color`, `class: invert`): set on every run, over the layout's. */
  inked?: boolean;
  font: string;
  lang: string;
  rtl: boolean;
  labels: Labels;
  organization: string | undefined;
}

export interface PptxInput {
  brief: Brief;
  slides: readonly Slide[];
  /** The document's options, resolved once (organization, palette, stamp, language). */
  document: DocumentOptions;
  /** Folders the deck may read images from (the brief's, the brand's). */
  allowedRoots: readonly string[];
  /** The batch row being built: its values fill the slides' fields. */
  row?: Readonly<Record<string, string>> | undefined;
  /**
   * Pictures of displayed formulas, drawn by the browser (the build's): without it, formulas
   * are written as text.
   */
  drawFormulas?: DrawFormulas | undefined;
}

/**
 * The deck as an editable PowerPoint file: the same slides as deck.pdf, built from the deck
 * model with native text boxes, tables, pictures and charts, notes in the notes pane. The bytes
 * are made reproducible by the finishing step (src/finish/pptx-package.ts).
 */
export async function renderPptx(input: PptxInput): Promise<Uint8Array> {
  const { brief, document } = input;
  const palette = { ...themeDefaults, ...document.palette };
  const look: Look = {
    colour: Object.fromEntries(
      Object.entries(palette).map(([key, value]) => [key, hex(value)]),
    ) as Look['colour'],
    font: 'Source Sans 3',
    lang: document.lang,
    rtl: rightToLeft.test(document.lang),
    labels: labelsFor(document.lang),
    organization: document.organization,
  };
  const presentation = new PptxGenJS();
  presentation.layout = 'LAYOUT_16x9';
  presentation.rtlMode = look.rtl;
  presentation.theme = { headFontFace: look.font, bodyFontFace: look.font };
  presentation.title = brief.meta.title;
  presentation.subject = brief.meta.subtitle ?? brief.meta.publication ?? '';
  presentation.author = brief.meta.authors.join(', ') || (document.organization ?? '');
  presentation.company = document.organization ?? '';
  defineMasters(presentation, brief, document, look);

  const sourcesSlide = input.slides.find((slide) => slide.kind === 'sources')?.number;
  const values = { row: input.row, lang: look.lang };
  const read = await Promise.all(
    input.slides.map((slide) =>
      bodyKinds.has(slide.kind) ? bodyBlocks(slide.body, values) : Promise.resolve([]),
    ),
  );
  const pictures = await formulaPictures(brief, read.flat(), look, input.drawFormulas);
  for (const [index, slide] of input.slides.entries()) {
    const blocks = withFormulas(read[index] ?? [], pictures);
    const textOnly =
      textKinds.has(slide.kind) || (blocks.length === 1 && blocks[0]?.kind === 'text');
    const page = presentation.addSlide({
      masterName:
        slide.kind === 'title'
          ? titleMaster
          : twoColumns(slide)
            ? twoContentMaster
            : textOnly
              ? contentMaster
              : titleOnlyMaster,
    });
    if (slide.kind === 'title') titleSlide(page, brief, look);
    else {
      const own = slideColours(slide, look);
      if (own.paper) page.background = { color: own.paper };
      const inked: Look = own.ink
        ? {
            ...look,
            inked: true,
            colour: { ...look.colour, ink: own.ink, primary: own.ink, muted: own.ink },
          }
        : look;
      // The size on the run: a placeholder's own size would override the text box's.
      page.addText(
        [
          {
            text: slide.title,
            options: {
              fontSize: titleSize(slide.title),
              ...(own.ink ? { color: own.ink } : {}),
            },
          },
        ],
        { placeholder: 'title', lang: look.lang, fit: 'shrink' },
      );
      // A footer placeholder shows on a slide only if the slide has its own copy.
      page.addText(footerText(brief, document), footerOptions(inked));
      await slideBody(presentation, page, slide, blocks, input, inked, {
        sourcesSlide,
        pictures,
      });
    }
    if (slide.notesText) page.addNotes(slide.notesText);
  }
  const written = await presentation.write({ outputType: 'uint8array', compression: false });
  return written as Uint8Array;
}

/** Pictures of the deck's displayed formulas, one page for all, when there are any. */
async function formulaPictures(
  brief: Brief,
  blocks: readonly Block[],
  look: Look,
  draw: DrawFormulas | undefined,
): Promise<Map<Block, FormulaPicture>> {
  const formulas = blocks.filter((block) => block.kind === 'math');
  if (formulas.length === 0 || !draw) return new Map();
  const html = formulaSheet(
    brief,
    formulas.map((block) => block.katex),
    look.colour.ink,
  );
  const drawn = await draw(html, formulas.length);
  return new Map(
    formulas.flatMap((block, index) => {
      const picture = drawn[index];
      return picture ? [[block, picture] as const] : [];
    }),
  );
}

/**
 * A slide's blocks with each displayed formula a picture where one was drawn, else its text,
 * centred, in the prose around it (one text box, as consecutive prose is).
 */
function withFormulas(blocks: readonly Block[], pictures: Map<Block, FormulaPicture>): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const text =
      block.kind === 'math' && !pictures.has(block)
        ? { kind: 'text' as const, paragraphs: [{ runs: block.runs, display: true }] }
        : block;
    const last = out.at(-1);
    if (text.kind === 'text' && last?.kind === 'text')
      out[out.length - 1] = { kind: 'text', paragraphs: [...last.paragraphs, ...text.paragraphs] };
    else out.push(text);
  }
  return out;
}

function defineMasters(
  presentation: Presentation,
  brief: Brief,
  document: DocumentOptions,
  look: Look,
): void {
  const edge = { rect: { x: 0, y: 0, w: 0.14, h: page.h, fill: { color: look.colour.primary } } };
  const placeholder = (name: 'title' | 'body' | 'body2', options: Partial<PlaceholderOptions>) => ({
    placeholder: {
      options: {
        name,
        type: name === 'title' ? 'title' : 'body',
        fontFace: look.font,
        color: name === 'title' ? look.colour.primary : look.colour.ink,
        valign: 'top',
        margin: 0,
        ...options,
      } as PlaceholderOptions,
      text: '',
    },
  });
  const title = placeholder('title', {
    x: margin.left,
    y: 0.4,
    w: content.w,
    h: 0.7,
    fontSize: type.title,
    bold: true,
    align: 'left',
  });
  const body = placeholder('body', { ...content, fontSize: type.body });
  const frame = [
    {
      line: {
        x: margin.left,
        y: footerRule,
        w: content.w,
        h: 0,
        line: { color: look.colour.rule, width: 0.75 },
      },
    },
    { text: { text: footerText(brief, document), options: footerOptions(look) } },
  ];
  const slideNumber = {
    x: page.w - margin.right - 0.8,
    y: page.h - 0.45,
    w: 0.8,
    h: 0.3,
    fontFace: look.font,
    fontSize: type.footer,
    color: look.colour.muted,
    align: 'right' as const,
  };
  const background = { color: 'FFFFFF' };
  presentation.defineSlideMaster({
    title: contentMaster,
    background,
    objects: [edge, ...frame, title, body],
    slideNumber,
  });
  const column = (content.w - columnGap) / 2;
  presentation.defineSlideMaster({
    title: twoContentMaster,
    background,
    objects: [
      edge,
      ...frame,
      title,
      placeholder('body', { ...content, w: column, fontSize: type.body }),
      placeholder('body2', {
        ...content,
        x: content.x + column + columnGap,
        w: column,
        fontSize: type.body,
      }),
    ],
    slideNumber,
  });
  presentation.defineSlideMaster({
    title: titleOnlyMaster,
    background,
    objects: [edge, ...frame, title],
    slideNumber,
  });
  presentation.defineSlideMaster({
    title: titleMaster,
    background,
    objects: [
      edge,
      placeholder('title', {
        x: margin.left,
        y: 1.6,
        w: content.w,
        h: 1.6,
        fontFace: 'Source Serif 4',
        fontSize: 36,
        bold: true,
        align: 'left',
        valign: 'bottom',
      }),
    ],
  });
}

/**
 * A slide title's size: the deck's 27 pt on one line; a title that needs two lines at 22 pt, so
 * both fit the layout's title box above the content (PowerPoint does not shrink it on opening;
 * deck.pdf moves its content down instead, which a layout cannot).
 */
function titleSize(title: string): number {
  const perLine = Math.floor((content.w * 72) / (type.title * 0.55));
  return title.length > perLine ? 22 : type.title;
}

/** The short title and the release stamp, as in deck.pdf's footer. */
function footerText(brief: Brief, document: DocumentOptions): string {
  return [brief.meta.shortTitle, document.stamp].filter(Boolean).join(' · ');
}

/**
 * Where the footer sits. Its name makes it the layouts' and slides' footer placeholder in the
 * finishing pass (pptxgenjs writes no footer placeholders), so PowerPoint's Header and Footer
 * dialog changes it on every slide.
 */
function footerOptions(look: Look): TextOptions {
  return {
    objectName: footerName,
    x: margin.left,
    y: page.h - 0.45,
    w: 6.5,
    h: 0.3,
    fontFace: look.font,
    fontSize: type.footer,
    color: look.colour.muted,
    margin: 0,
    lang: look.lang,
  };
}

function titleSlide(slide: PptxSlide, brief: Brief, look: Look): void {
  const { meta } = brief;
  const text = { fontFace: look.font, lang: look.lang, margin: 0 };
  if (meta.publication)
    slide.addText(meta.publication.toUpperCase(), {
      ...text,
      x: margin.left,
      y: 0.9,
      w: content.w,
      h: 0.5,
      fontSize: 14,
      bold: true,
      charSpacing: 1,
      color: look.colour.accent,
    });
  slide.addText(meta.title, { placeholder: 'title', lang: look.lang, fit: 'shrink' });
  // As deck.css sets them: the subtitle in the serif's italic, muted; the byline small, a space
  // below it, the organization in the ink's semibold.
  const lines: TextRun[] = [];
  if (meta.subtitle)
    lines.push({
      text: meta.subtitle,
      options: {
        fontSize: 19,
        fontFace: 'Source Serif 4',
        italic: true,
        color: look.colour.muted,
        paraSpaceAfter: 18,
        breakLine: true,
      },
    });
  if (look.organization)
    lines.push({
      text: meta.dateText ? `${look.organization}   ` : look.organization,
      options: { fontSize: 12, bold: true, color: look.colour.ink },
    });
  if (meta.dateText)
    lines.push({ text: meta.dateText, options: { fontSize: 12, color: look.colour.muted } });
  slide.addText(lines, { ...text, x: margin.left, y: 3.35, w: content.w, h: 1.3, valign: 'top' });
}

async function slideBody(
  presentation: Presentation,
  slide: PptxSlide,
  model: Slide,
  blocks: readonly Block[],
  input: PptxInput,
  look: Look,
  {
    sourcesSlide,
    pictures,
  }: { sourcesSlide: number | undefined; pictures: Map<Block, FormulaPicture> },
): Promise<void> {
  const { brief } = input;
  const values = { row: input.row, lang: look.lang };
  const inBody = { placeholder: true };
  switch (model.kind) {
    case 'agenda':
    case 'divider': {
      // An agenda continued over several slides numbers on; a part's divider lists its sections.
      const entries = model.agenda ?? [];
      const numbered = (run: readonly string[], start: number | undefined) =>
        run.map((entry, index) => ({
          runs: [{ text: entry }],
          list: { ordered: true, level: 0, ...(index === 0 && start ? { start } : {}) },
        }));
      if (!twoColumns(model)) {
        addParagraphs(slide, numbered(entries, model.agendaStart), content, look, inBody);
        return;
      }
      // Two columns, balanced as the PDF balances them; the first is on the reading side.
      const split = balancedSplit(entries);
      const start = model.agendaStart ?? 1;
      const [first, second] = look.rtl ? ['body2', 'body'] : ['body', 'body2'];
      const size = Math.round(type.body * agendaScale);
      const columns: [string, ReturnType<typeof numbered>][] = [
        [first, numbered(entries.slice(0, split), start)],
        [second, numbered(entries.slice(split), start + split)],
      ];
      const column = { ...content, w: (content.w - columnGap) / 2 };
      for (const [name, paragraphs] of columns)
        addParagraphs(slide, paragraphs, column, look, { placeholder: name, size });
      return;
    }
    case 'key-figure': {
      const figure = model.figure;
      if (!figure) return;
      slide.addText(figure.value, {
        x: content.x,
        y: content.y + 0.3,
        w: content.w,
        h: 1.6,
        fontFace: look.font,
        fontSize: type.value,
        bold: true,
        color: look.colour.primary,
        lang: look.lang,
        fit: 'shrink',
        margin: 0,
      });
      slide.addShape(presentation.ShapeType.rect, {
        x: content.x,
        y: content.y + 1.9,
        w: 1.5,
        h: 0.04,
        fill: { color: look.colour.accent },
        line: { type: 'none' },
      });
      if (figure.asOf)
        slide.addText(figure.asOf, {
          x: content.x,
          y: content.y + 2.05,
          w: content.w,
          h: 0.5,
          fontFace: look.font,
          fontSize: type.body,
          color: look.colour.muted,
          lang: look.lang,
          margin: 0,
        });
      sourceLine(slide, model.sourceText, look);
      return;
    }
    case 'chart': {
      const top = sourceLine(slide, model.sourceText, look);
      // The chart takes the content box down to the source line, as in deck.css.
      const box = { ...content, h: Math.min(content.h, top - 0.08 - content.y) };
      if (model.chart)
        addNativeChart(presentation, slide, model.chart, box, {
          font: look.font,
          ink: look.colour.ink,
          lang: look.lang,
        });
      return;
    }
    case 'recommendations':
      addParagraphs(
        slide,
        await Promise.all(
          (model.items ?? []).map(async (item) => ({
            runs: await itemRuns(item, values),
            list: { ordered: true, level: 0 },
          })),
        ),
        content,
        look,
        { ...inBody, size: type.small + 2 },
      );
      return;
    case 'sources':
      addParagraphs(
        slide,
        (model.sources ?? []).map((source) => ({
          runs: [
            { text: `${source.publisher}. `, bold: true },
            { text: `${source.title}. `, italic: true },
            { text: source.url, href: source.url },
          ],
          list: { ordered: true, level: 0, start: source.number },
        })),
        content,
        look,
        { ...inBody, size: type.small + 2 },
      );
      return;
    default:
      await addBlocks(presentation, slide, blocks, input, look, {
        sourcesSlide,
        brief,
        pictures,
        spread: model.kind === 'section' && !model.look?.lead,
      });
  }
}

/** An agenda of two entries or more is set in two columns, as deck.css sets it. */
function twoColumns(slide: Slide): boolean {
  return slide.kind === 'agenda' && (slide.agenda?.length ?? 0) > 1;
}

/** Where the first column ends: the split whose taller column is the shortest (CSS balancing). */
function balancedSplit(entries: readonly string[]): number {
  const heights = entries.map((entry) => itemHeight(entry, agendaScale, 2));
  const total = heights.reduce((sum, height) => sum + height, 0);
  let best = Math.ceil(entries.length / 2);
  let tallest = Infinity;
  let before = 0;
  for (let split = 1; split < entries.length; split++) {
    before += heights[split - 1] ?? 0;
    const taller = Math.max(before, total - before);
    // Ties go to the longer first column, as CSS columns fill the first one first.
    if (taller <= tallest) {
      tallest = taller;
      best = split;
    }
  }
  return best;
}

/** Slides drawn from their body's tree (the others from the model's own fields). */
const bodyKinds = new Set<Slide['kind']>(['section']);

/**
 * The figure's source under the slide's content, as on the PDF slide: 10 pt, its box's bottom
 * 0.55 in above the page's, clear of the footer rule, anchored at the bottom so that a line more
 * than estimated grows upwards, never into the footer. Returns the box's top.
 */
function sourceLine(slide: PptxSlide, text: string | undefined, look: Look): number {
  if (!text) return sourceBottom;
  const line = `${look.labels.source}: ${text}`;
  const h = sourceHeight(line);
  slide.addText(line, {
    x: content.x,
    y: sourceBottom - h,
    w: content.w,
    h,
    fontFace: look.font,
    fontSize: sourceSize,
    color: look.colour.muted,
    lang: look.lang,
    margin: 0,
    valign: 'bottom',
  });
  return sourceBottom - h;
}

/** The source line's height: its lines at a wide glyph (a substituted font is wider). */
function sourceHeight(line: string): number {
  const perLine = Math.floor((content.w * 72) / (sourceSize * 0.55));
  return (Math.max(1, Math.ceil(line.length / perLine)) * sourceSize * 1.2) / 72 + 0.04;
}

/**
 * A section's blocks stacked in the content area: prose takes the height its lines need, and
 * tables, pictures, charts and code share the rest.
 */
async function addBlocks(
  presentation: Presentation,
  slide: PptxSlide,
  blocks: readonly Block[],
  input: PptxInput,
  look: Look,
  context: {
    sourcesSlide: number | undefined;
    brief: Brief;
    pictures: Map<Block, FormulaPicture>;
    /** A section's slide (not a centred one): a list alone on it is spread down the slide. */
    spread: boolean;
  },
): Promise<void> {
  // Text takes the height its lines need, a formula its picture's and a picture the size its
  // author gave (Marp's `w:300`); the rest share what is left.
  const asked = new Map<Block, number>();
  for (const block of blocks) {
    if (block.kind !== 'image' || !block.size) continue;
    const size = askedSize(block, await readPicture(block, input.allowedRoots));
    if (size) asked.set(block, Math.min(size.h, content.h));
  }
  const fits = (block: Block) => block.kind === 'text' || block.kind === 'math' || asked.has(block);
  const textHeight = (block: Block) =>
    block.kind === 'text'
      ? estimateHeight(block.paragraphs, content.w, type.body)
      : block.kind === 'math'
        ? formulaSize(context.pictures.get(block), content).h
        : (asked.get(block) ?? 0);
  const fixed = blocks.reduce((sum, block) => sum + textHeight(block), 0);
  const flexible = blocks.filter((block) => !fits(block)).length;
  const gap = 0.15;
  const share =
    flexible > 0
      ? Math.max(
          1,
          (content.h - Math.min(fixed, content.h * 0.5) - gap * (blocks.length - 1)) / flexible,
        )
      : 0;
  let y = content.y;
  for (const block of blocks) {
    const alone = blocks.length === 1;
    const h = alone
      ? content.h
      : fits(block)
        ? Math.min(textHeight(block), flexible > 0 ? content.h * 0.5 : content.h)
        : share;
    const box: Box = { x: content.x, y, w: content.w, h };
    switch (block.kind) {
      case 'text':
        addParagraphs(slide, block.paragraphs, box, look, {
          sourcesSlide: context.sourcesSlide,
          // A slide of text alone has it in the layout's body placeholder.
          placeholder: alone,
          spread: alone && context.spread,
        });
        break;
      case 'table':
        addTable(slide, block, box, look);
        break;
      case 'code':
        slide.addText(block.text, {
          ...box,
          fontFace: monospace,
          fontSize: type.small,
          color: look.colour.ink,
          fill: { color: look.colour.panel },
          valign: 'top',
          margin: 6,
          fit: 'shrink',
          lang: look.lang,
        });
        break;
      case 'image':
        await addImage(slide, block, box, input.allowedRoots);
        break;
      case 'web':
        // The description at the body's size, the note and the address smaller and muted.
        slide.addText(
          block.lines.map((line, index) => ({
            text: line.text,
            options: {
              breakLine: index < block.lines.length - 1,
              ...(line.alt
                ? { bold: true, fontSize: type.body, color: look.colour.ink }
                : { fontSize: type.small, color: look.colour.muted }),
            },
          })),
          {
            ...box,
            fontFace: look.font,
            align: 'center',
            valign: 'middle',
            line: { color: look.colour.rule, width: 1.5, dashType: 'dash' },
            margin: 20,
            lang: look.lang,
          },
        );
        break;
      case 'math': {
        const picture = context.pictures.get(block);
        if (picture) addFormula(slide, block.tex, picture, box);
        break;
      }
      case 'chart': {
        const chart = context.brief.charts.find((candidate) => candidate.index === block.index);
        if (chart)
          addNativeChart(presentation, slide, chart, box, {
            font: look.font,
            ink: look.colour.ink,
            lang: look.lang,
          });
        break;
      }
    }
    y += h + gap;
  }
}

/** Lines of text a box needs, from an average glyph width of half the type size. */
function estimateHeight(paragraphs: readonly Paragraph[], width: number, size: number): number {
  const perLine = Math.max(10, Math.floor((width * 72) / (size * 0.5)));
  const lines = paragraphs.reduce((sum, paragraph) => {
    // A web address wraps only at its slashes and dots, and its letters run wide: it takes
    // about a line and a half for a line's worth of characters.
    const length = paragraph.runs.reduce(
      (total, run) => total + run.text.length * (run.href ? 1.5 : 1),
      0,
    );
    return sum + Math.max(1, Math.ceil(length / perLine));
  }, 0);
  return (lines * size * 1.35 + paragraphs.length * size * 0.45) / 72;
}

/**
 * The space after each paragraph of a list that is alone on its slide, spread as deck.css
 * spreads it: each item takes up to 2.6 lines' room, else its own height and the usual gap.
 * Undefined when the paragraphs are not one list, or the spread list would not fit its box.
 */
function spreadSpacing(
  paragraphs: readonly Paragraph[],
  box: Box,
  size: number,
): number[] | undefined {
  if (paragraphs[0]?.list?.level !== 0 || !paragraphs.every((paragraph) => paragraph.list))
    return undefined;
  const gap = size * 0.45;
  // Each item's paragraphs (its own, then its nested ones), by index.
  const items: number[][] = [];
  paragraphs.forEach((paragraph, index) => {
    if (paragraph.list?.level === 0) items.push([index]);
    else items.at(-1)?.push(index);
  });
  const after = paragraphs.map(() => gap);
  let total = 0;
  for (const item of items) {
    const own = item.map((index) => paragraphs[index] as Paragraph);
    // The item's lines, without the gap estimateHeight counts after each paragraph.
    const height = estimateHeight(own, box.w, size) * 72 - own.length * gap;
    const last = item.at(-1) ?? 0;
    after[last] = Math.max(gap, size * 2.6 - height - (own.length - 1) * gap);
    total += height + (own.length - 1) * gap + (after[last] ?? gap);
  }
  return total <= box.h * 72 ? after : undefined;
}

/**
 * The type size, from `size` down to 80% of it, at which the text's estimated height fits its
 * box (the deck's own limit). PowerPoint applies "shrink text on overflow" only once the text is
 * edited and LibreOffice shrinks by its own steps, further than needed: the size written has to
 * fit by itself.
 */
function fittedSize(paragraphs: readonly Paragraph[], box: Box, size: number): number {
  for (let step = 0; step < 4; step++) {
    const candidate = Math.round(size * (1 - 0.05 * step) * 2) / 2;
    if (estimateHeight(paragraphs, box.w, candidate) <= box.h) return candidate;
  }
  return Math.round(size * 0.8 * 2) / 2;
}

function addParagraphs(
  slide: PptxSlide,
  paragraphs: readonly (Paragraph & { list?: { start?: number } })[],
  box: Box,
  look: Look,
  how: {
    size?: number;
    sourcesSlide?: number | undefined;
    placeholder?: boolean | string;
    spread?: boolean;
  } = {},
): void {
  const { sourcesSlide } = how;
  const size = fittedSize(paragraphs, box, how.size ?? type.body);
  const after = how.spread ? spreadSpacing(paragraphs, box, size) : undefined;
  const runs: TextRun[] = [];
  // Numbers of two digits and more need a wider hanging indent than pptxgenjs's 27 pt, or
  // "11." runs into its entry.
  let number = 0;
  let widest = 0;
  for (const paragraph of paragraphs) {
    if (!paragraph.list?.ordered || paragraph.list.level > 0) continue;
    number = paragraph.list.start ?? number + 1;
    widest = Math.max(widest, number);
  }
  const numberIndent = Math.max(27, Math.ceil(size * (0.7 * String(widest).length + 0.6)));
  paragraphs.forEach((paragraph, index) => {
    const last = index === paragraphs.length - 1;
    // pptxgenjs starts a paragraph at each run carrying a bullet: paragraph options go on the
    // first run only, the style on every run.
    const first: TextOptions = {
      ...(paragraph.display ? { align: 'center' } : {}),
      paraSpaceAfter: after?.[index] ?? size * 0.45,
      lineSpacingMultiple: 1.1,
      ...(paragraph.list
        ? {
            bullet: paragraph.list.ordered
              ? {
                  type: 'number',
                  indent: numberIndent,
                  ...(paragraph.list.start ? { numberStartAt: paragraph.list.start } : {}),
                }
              : { characterCode: '2022' },
            indentLevel: paragraph.list.level,
          }
        : {}),
    };
    // Sizes go on every run: a placeholder's own size would override the text box's.
    const style: TextOptions = {
      fontSize: size,
      ...(look.inked ? { color: look.colour.ink } : {}),
      ...(paragraph.heading ? { bold: true } : {}),
      ...(paragraph.quote ? { italic: true, color: look.colour.muted } : {}),
    };
    const items = paragraph.runs.length > 0 ? paragraph.runs : [{ text: '' }];
    items.forEach((run, at) => {
      const end = at === items.length - 1 && !last ? { breakLine: true } : {};
      runs.push(textRun(run, { ...(at === 0 ? first : {}), ...style, ...end }, look, sourcesSlide));
    });
  });
  slide.addText(runs, {
    ...box,
    ...(how.placeholder
      ? { placeholder: typeof how.placeholder === 'string' ? how.placeholder : 'body' }
      : {}),
    fontFace: look.font,
    fontSize: size,
    color: look.colour.ink,
    valign: 'top',
    margin: 0,
    fit: 'shrink',
    lang: look.lang,
    rtlMode: look.rtl,
  });
}

function textRun(run: Run, paragraph: TextOptions, look: Look, sourcesSlide?: number): TextRun {
  if (run.lineBreak) return { text: '', options: { ...paragraph, softBreakBefore: true } };
  const options: TextOptions = { ...paragraph };
  if (run.bold) options.bold = true;
  if (run.italic) options.italic = true;
  if (run.code) options.fontFace = monospace;
  if (run.superscript) {
    options.superscript = true;
    // Citation numbers lead to the sources slide, as they lead to the list in the brief.
    if (sourcesSlide) options.hyperlink = { slide: sourcesSlide, tooltip: look.labels.sources };
  }
  if (run.subscript) options.subscript = true;
  if (run.href) {
    options.hyperlink = { url: run.href };
    options.color = look.colour.primary;
  }
  return { text: run.text, options };
}

function addTable(
  slide: PptxSlide,
  table: Extract<Block, { kind: 'table' }>,
  box: Box,
  look: Look,
): void {
  const cell = (runs: Run[], header: boolean) => ({
    text: runs.map((run) => textRun(run, header ? { bold: true } : {}, look)),
    options: header
      ? {
          border: [
            { type: 'none' },
            { type: 'none' },
            { pt: 1.5, color: look.colour.primary },
            { type: 'none' },
          ],
        }
      : {
          border: [
            { type: 'none' },
            { type: 'none' },
            { pt: 0.5, color: look.colour.rule },
            { type: 'none' },
          ],
        },
  });
  const rows: TableRow[] = [
    ...(table.header.length > 0 ? [table.header.map((runs) => cell(runs, true))] : []),
    ...table.rows.map((row) => row.map((runs) => cell(runs, false))),
  ] as TableRow[];
  slide.addTable(rows, {
    x: box.x,
    y: box.y,
    w: box.w,
    fontFace: look.font,
    fontSize: type.small,
    color: look.colour.ink,
    valign: 'top',
    margin: [3, 8, 3, 0],
  });
}

interface Picture {
  bytes: Buffer;
  width: number;
  height: number;
  mime: string;
}

/** A picture's file, if it is one of the brief's (checked and resolved by parse); else none. */
async function readPicture(
  image: Extract<Block, { kind: 'image' }>,
  allowedRoots: readonly string[],
): Promise<Picture | undefined> {
  if (!image.src.startsWith('file:')) return undefined;
  const path = fileURLToPath(image.src);
  if (!isReadable(path, allowedRoots)) return undefined;
  const bytes = await readFile(path);
  const size = imageSize(bytes);
  const mime =
    size.type === 'svg'
      ? 'image/svg+xml'
      : `image/${size.type === 'jpg' ? 'jpeg' : (size.type ?? 'png')}`;
  return { bytes, width: size.width ?? 1, height: size.height ?? 1, mime };
}

/** The size (inches) its author gave a picture (Marp's `w:300`), the other side keeping its shape. */
function askedSize(
  image: Extract<Block, { kind: 'image' }>,
  picture: Picture | undefined,
): { w: number; h: number } | undefined {
  const asked = image.size;
  if (!picture || (asked?.w === undefined && asked?.h === undefined)) return undefined;
  return {
    w: asked.w ?? ((asked.h ?? 0) * picture.width) / picture.height,
    h: asked.h ?? ((asked.w ?? 0) * picture.height) / picture.width,
  };
}

async function addImage(
  slide: PptxSlide,
  image: Extract<Block, { kind: 'image' }>,
  box: Box,
  allowedRoots: readonly string[],
): Promise<void> {
  const picture = await readPicture(image, allowedRoots);
  if (!picture) return;
  const asked = askedSize(image, picture);
  const width = asked?.w ?? picture.width;
  const height = asked?.h ?? picture.height;
  const scale = Math.min(asked ? 1 : Infinity, box.w / width, box.h / height);
  slide.addImage({
    data: `${picture.mime};base64,${picture.bytes.toString('base64')}`,
    // Centred when it fills its box; at the text's start at the size asked, as deck.pdf has it.
    x: asked ? box.x : box.x + (box.w - width * scale) / 2,
    y: box.y,
    w: width * scale,
    h: height * scale,
    altText: image.alt,
    ...(image.href ? { hyperlink: { url: image.href } } : {}),
  });
}

/** A formula's picture at the deck's size (96 CSS pixels to the inch), narrowed to fit `box`. */
function formulaSize(picture: FormulaPicture | undefined, box: Box): { w: number; h: number } {
  if (!picture) return { w: 0, h: 0 };
  const scale = Math.min(1, box.w / (picture.width / 96), box.h / (picture.height / 96));
  return { w: (picture.width / 96) * scale, h: (picture.height / 96) * scale };
}

/** A displayed formula, centred as in the PDF, its TeX source as its alternative text. */
function addFormula(slide: PptxSlide, tex: string, picture: FormulaPicture, box: Box): void {
  const { w, h } = formulaSize(picture, box);
  slide.addImage({
    data: `image/png;base64,${Buffer.from(picture.png).toString('base64')}`,
    x: box.x + (box.w - w) / 2,
    y: box.y,
    w,
    h,
    altText: tex,
  });
}

/**
 * A Marp slide's own colours, as deck.pdf paints them: `class: invert` is white on the ink
 * colour; `backgroundColor` and `color` when written as `#rgb` or `#rrggbb` (other CSS colours,
 * `navy` or `rgb(…)`, keep the deck's colours here).
 */
function slideColours(slide: Slide, look: Look): { paper?: string; ink?: string } {
  if (slide.look?.invert) return { paper: look.colour.ink, ink: 'FFFFFF' };
  const plain = (colour: string | undefined) =>
    colour && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(colour) ? hex(colour) : undefined;
  const paper = plain(slide.look?.paper);
  const ink = plain(slide.look?.ink);
  return { ...(paper ? { paper } : {}), ...(ink ? { ink } : {}) };
}

function hex(colour: string): string {
  const digits = colour.replace('#', '');
  return (
    digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits
  ).toUpperCase();
}
