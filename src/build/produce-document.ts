import type { VFile } from 'vfile';
import { error } from '../errors.js';
import { imposeSlides } from '../finish/impose.js';
import { finishPdf, type DocumentInfo, type FinishedPdf } from '../finish/metadata.js';
import { describeLinks } from '../finish/describe-links.js';
import { addNoteAnnotation, setOutline } from '../finish/outline.js';
import type { OutputKind } from '../load/schema.js';
import { debug } from '../log.js';
import type { Brief } from '../model/brief.js';
import { deckSlides, type Slide } from '../model/deck.js';
import { planHandout } from '../model/handout.js';
import { labelsFor } from '../labels.js';
import type { DocumentOptions } from '../model/options.js';
import { fitBoxes, notesFit, slideFit, type FitResult } from '../print/fit.js';
import type { Printer } from '../print/printer.js';
import { drawFormulas } from '../print/draw-formulas.js';
import { readLinkNames } from '../print/read-link-names.js';
import { renderBrief } from '../render/render-brief.js';
import { renderDeck } from '../render/render-deck.js';
import { renderHandout } from '../render/render-handout.js';
import { documentExtras, type Templates } from '../render/templates.js';
import { columnWidth, measureWidth, type WideBlock } from '../print/measure-width.js';
import { fitPictures, textBlockHeight } from '../print/fit-pictures.js';
import { breakTallTables } from '../print/break-tall-tables.js';
import { dropRepeatedFigures, reportRepeatedFigures } from '../print/repeated-figures.js';
import { finishPptx } from '../finish/pptx-package.js';
import { renderPptx } from '../render/pptx/render-pptx.js';
import { renderWeb } from '../render/render-web.js';

const log = debug('produce');

export interface Production {
  /** `mexico-us` or `mexico-us/<row key>`, for messages. */
  name: string;
  brief: Brief;
  row: Readonly<Record<string, string>> | undefined;
  /** Outputs to make. */
  kinds: readonly OutputKind[];
  /** The deck as already built (fresh in the cache), for a handout made without reprinting it. */
  deck: Uint8Array | undefined;
  epoch: number;
  /** The document's options, resolved when the build was planned. */
  options: DocumentOptions;
  markdown: VFile | undefined;
  allowOverflow: boolean;
}

/**
 * render → print → finish for one document set (a brief, or a batch row), in memory: nothing is
 * written here, so a failure leaves no partial output.
 */
export async function produce(
  job: Production,
  templates: Templates,
  printer: Printer,
): Promise<Map<OutputKind, FinishedPdf>> {
  const started = performance.now();
  const { brief, row, options } = job;
  const wanted = new Set(job.kinds);
  const info: DocumentInfo = {
    title: brief.meta.title,
    authors:
      brief.meta.authors.length > 0
        ? brief.meta.authors
        : options.organization
          ? [options.organization]
          : [],
    subject: brief.meta.subtitle ?? brief.meta.publication,
    keywords: brief.meta.keywords,
    lang: options.lang,
    date: new Date(job.epoch * 1000),
  };
  const allowedRoots = [brief.dir];
  const slides = deckSlides(brief, row);
  const extra = documentExtras(brief, options, row);

  // The brief renders first and goes to the browser while the deck renders: it is the longest
  // print, and rendering both at once would only delay both.
  const briefHtml = wanted.has('brief') ? renderBrief(brief, templates, extra) : undefined;
  let wideBlocks: WideBlock[] = [];
  let repeated: string[] = [];
  let briefLinks: string[] = [];
  const briefPdf = briefHtml
    ? briefHtml
        .then((html) =>
          printer.print({
            name: `${job.name}/brief.pdf`,
            html,
            allowedRoots,
            width: columnWidth(options.paper),
            prepare: async (page) => {
              const column = columnWidth(options.paper);
              const height = textBlockHeight(options.paper);
              wideBlocks = await measureWidth(page, column);
              // Each asks the page only when the brief has callouts or pictures at all.
              const started = performance.now();
              if (html.includes('class="bk-key-figure"'))
                repeated = await dropRepeatedFigures(page, column, height);
              const freed = html.includes('<table') ? await breakTallTables(page, height) : 0;
              const fitted = html.includes('<img') ? await fitPictures(page, column, height) : 0;
              log(
                '%s: %d key figures left out, %d pictures fitted, %d tall tables may break, in %d ms',
                job.name,
                repeated.length,
                fitted,
                freed,
                Math.round(performance.now() - started),
              );
              briefLinks = await readLinkNames(page);
            },
          }),
        )
        .then((pdf) => {
          reportWide(`${job.name}/brief.pdf`, wideBlocks, job.markdown, job.allowOverflow);
          reportRepeatedFigures(repeated, job.markdown);
          return finishPdf(pdf, info, (document) => describeLinks(document, briefLinks));
        })
    : undefined;

  let deckPdf: Promise<{ bytes: Uint8Array; pages: number }> | undefined;
  if (wanted.has('deck') || (wanted.has('handout') && !job.deck)) {
    let slideFits: FitResult[] = [];
    let deckLinks: string[] = [];
    deckPdf = Promise.resolve(briefHtml?.catch(() => undefined))
      .then(() => renderDeck(brief, slides, templates, extra))
      .then((html) =>
        printer.print({
          name: `${job.name}/deck.pdf`,
          html,
          allowedRoots,
          pdf: { outline: false },
          prepare: async (page) => {
            slideFits = await fitBoxes(page, slideFit);
            deckLinks = await readLinkNames(page);
          },
        }),
      )
      .then((pdf) => {
        reportOverflow(slides, slideFits, job.markdown, job.allowOverflow);
        return finishPdf(pdf, info, (document) => {
          describeLinks(document, deckLinks);
          setOutline(
            document,
            slides.map((slide) => ({ title: slide.title, page: slide.number - 1 })),
          );
          const label = labelsFor(options.lang).notes;
          for (const slide of slides) {
            if (slide.notesText)
              addNoteAnnotation(document, slide.number - 1, slide.notesText, label);
          }
        });
      });
  } else if (job.deck) {
    deckPdf = Promise.resolve({ bytes: job.deck, pages: slides.length });
  }

  let handoutPdf: Promise<FinishedPdf> | undefined;
  if (wanted.has('handout') && deckPdf) {
    const plan = planHandout(slides, options.paper, options.handout, options.dir);
    let notesFits: FitResult[] = [];
    const frame = renderHandout(brief, plan, templates, extra).then((html) =>
      printer.print({
        name: `${job.name}/handout.pdf`,
        html,
        allowedRoots,
        pdf: { outline: false },
        prepare: async (page) => {
          notesFits = await fitBoxes(page, notesFit);
        },
      }),
    );
    handoutPdf = Promise.all([frame, deckPdf]).then(([printed, deck]) => {
      const withNotes = plan.sheets.flatMap((sheet) => sheet.slots).filter((slot) => slot.notes);
      for (const fit of notesFits) {
        const slide = withNotes[fit.index]?.slide;
        if (fit.overflow > 0 && slide) {
          job.markdown?.message(
            `Speaker notes of slide ${slide.number} “${slide.title}” are cut off in the handout; shorten them`,
            {
              place: { line: slide.line, column: slide.column },
              ruleId: 'handout-notes-overflow',
              source: 'briefkit',
            },
          );
        }
      }
      return finishPdf(printed, info, (document) => imposeSlides(document, deck.bytes, plan));
    });
  }

  // The editable deck is written while the PDFs print; it asks the browser only for pictures of
  // displayed formulas, when its slides have any.
  const pptx = wanted.has('pptx')
    ? renderPptx({
        brief,
        slides,
        document: options,
        allowedRoots,
        row,
        drawFormulas: (html, count) =>
          drawFormulas(printer, { name: `${job.name}/deck.pptx`, html, allowedRoots }, count),
      })
        .then((bytes) => finishPptx(bytes, info))
        .then((bytes) => ({ bytes, pages: slides.length }))
    : undefined;

  // The web edition too: the brief's page, made self-contained.
  const web = wanted.has('web')
    ? renderWeb(brief, templates, extra, [...printer.allowedRoots, ...allowedRoots]).then(
        (html) => ({ bytes: new TextEncoder().encode(html), pages: 1 }),
      )
    : undefined;

  // Settle everything before deciding, so one failure does not leave other pages printing.
  const settled = await Promise.allSettled([briefPdf, deckPdf, handoutPdf, pptx, web]);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  const [briefDone, deckDone, handoutDone, pptxDone, webDone] = settled.map((result) =>
    result.status === 'fulfilled' ? result.value : undefined,
  );
  const files = new Map<OutputKind, FinishedPdf>();
  if (briefDone) files.set('brief', briefDone);
  if (deckDone && wanted.has('deck')) files.set('deck', deckDone);
  if (handoutDone) files.set('handout', handoutDone as FinishedPdf);
  if (pptxDone) files.set('pptx', pptxDone);
  if (webDone) files.set('web', webDone);
  log('%s: %o in %d ms', job.name, [...files.keys()], Math.round(performance.now() - started));
  return files;
}

/**
 * A slide an author wrote (`:::slide`, a slide document's slide, the title slide's front matter)
 * that still overflows at the smallest type is an error naming the slide and where it is written.
 * Generated slides are paginated by the model; should one still not fit, it is a warning, never
 * a failed build.
 */
function reportOverflow(
  slides: readonly Slide[],
  fits: readonly FitResult[],
  markdown: VFile | undefined,
  allowOverflow: boolean,
): void {
  let errors = 0;
  for (const fit of fits) {
    const slide = slides[fit.index];
    if (!slide || fit.overflow <= 0) continue;
    const authored = slide.authored === true || slide.kind === 'title';
    const fix =
      slide.kind === 'title'
        ? 'shorten the title or subtitle in the front matter'
        : slide.look
          ? `shorten the slide written at line ${slide.line} or split it with a \`---\``
          : authored
            ? `shorten the \`:::slide\` block at line ${slide.line} or split it`
            : 'it was generated, so this is a warning; give its section a `:::slide` block';
    const reason = `Slide ${slide.number} “${slide.title}” does not fit: ${Math.round(fit.overflow)} px still overflow at ${Math.round(slideFit.floor * 100)}% type; ${fix}`;
    const message = markdown?.message(reason, {
      place: { line: slide.line, column: slide.column },
      ruleId: 'slide-overflow',
      source: 'briefkit',
    });
    if (authored) errors++;
    if (message && authored && !allowOverflow) message.fatal = true;
  }
  if (errors > 0 && !allowOverflow) {
    error(
      'CONTENT_INVALID',
      `${errors} slide(s) overflow (use --allow-overflow to build anyway); nothing was written.`,
      markdown ? [markdown] : [],
    );
  }
}

/** A block that stays wider than the column would make Chromium shrink every page: an error. */
function reportWide(
  name: string,
  blocks: readonly WideBlock[],
  markdown: VFile | undefined,
  allowOverflow: boolean,
): void {
  if (blocks.length === 0) return;
  for (const block of blocks) {
    const scale = Math.round((block.column / block.width) * 100);
    const message = markdown?.message(
      `\`<${block.tag}>\` “${block.text}” is wider than the text column (${block.width} px of ${block.column}) and cannot wrap; every page of ${name} would be shrunk to ${scale}%: give it a width or break it up`,
      { place: findText(markdown, block.text), ruleId: 'page-overflow', source: 'briefkit' },
    );
    if (message && !allowOverflow) message.fatal = true;
  }
  if (!allowOverflow) {
    error(
      'CONTENT_INVALID',
      `${name}: ${blocks.length} block(s) wider than the page (use --allow-overflow to build anyway); nothing was written.`,
      markdown ? [markdown] : [],
    );
  }
}

/** Where a printed block's first words are in the Markdown, for a message a writer can follow. */
function findText(
  markdown: VFile | undefined,
  text: string,
): { line: number; column: number } | undefined {
  const source = String(markdown?.value ?? '');
  const words = text.slice(0, 24);
  const at = words.length > 0 ? source.indexOf(words) : -1;
  if (at < 0) return undefined;
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
