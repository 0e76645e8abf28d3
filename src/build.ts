import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { VFile } from 'vfile';
import { BriefkitError, error } from './errors.js';
import { imposeSlides } from './finish/impose.js';
import { finishPdf, type DocumentInfo, type FinishedPdf } from './finish/metadata.js';
import { addNoteAnnotation, setOutline } from './finish/outline.js';
import {
  manifestPath,
  sha256,
  updateManifest,
  writeAtomic,
  type ManifestEntry,
} from './finish/write-output.js';
import type { OutputKind } from './load/schema.js';
import { debug } from './log.js';
import type { Brief } from './model/brief.js';
import { deckSlides, type Slide } from './model/deck.js';
import { planHandout, type HandoutLayout } from './model/handout.js';
import { labelsFor } from './model/labels.js';
import { templatesDir } from './paths.js';
import { readBriefs, sourceDate, type ReadResult, type SourceOptions } from './pipeline.js';
import { fitBoxes, type FitResult } from './print/fit.js';
import { Printer } from './print/printer.js';
import { renderBrief } from './render/render-brief.js';
import { renderDeck } from './render/render-deck.js';
import { renderHandout } from './render/render-handout.js';
import { Templates } from './render/templates.js';

const log = debug('build');
const require = createRequire(import.meta.url);

export interface BuildOptions extends SourceOptions {
  outputDir: string;
  /** Outputs to build, overriding each brief's `outputs:`. */
  formats?: readonly OutputKind[] | undefined;
  handout?: HandoutLayout | undefined;
  /** Report slides that do not fit as warnings instead of errors. */
  allowOverflow?: boolean | undefined;
  browserWSEndpoint?: string | undefined;
  /** How many pages print at once; default: the number of cores. */
  concurrency?: number | undefined;
  timeout?: number | undefined;
}

export interface BuildResult extends ReadResult {
  written: ManifestEntry[];
  failures: { name: string; reason: string }[];
}

/** Folders printed pages may read besides a brief's own: templates and the bundled fonts. */
const packageRoots = [
  templatesDir,
  dirname(require.resolve('@fontsource/source-serif-4/package.json')),
  dirname(require.resolve('@fontsource/source-sans-3/package.json')),
];

/** Type may shrink to 80% of its base size to fit before a slide counts as overflowing. */
const fitFloor = 0.8;

/**
 * The whole pipeline: read (load → parse → model), then render → print → finish for each brief.
 * Content errors stop the build before the browser starts or any file is written; a brief's
 * files are written together, only once all of them are complete.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const read = await readBriefs(options);
  if (!read.ok) error('CONTENT_INVALID', 'The content has errors; nothing was built.', read.files);

  const templates = await Templates.load(templatesDir);
  const printer = new Printer({
    allowedRoots: packageRoots,
    browserWSEndpoint: options.browserWSEndpoint,
    concurrency: options.concurrency ?? availableParallelism(),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  });
  const written: ManifestEntry[] = [];
  const failures: BuildResult['failures'] = [];
  try {
    await Promise.all(
      read.briefs.map(async (brief) => {
        const markdown = read.markdown.get(brief.id);
        try {
          const files = await buildOutputs(brief, markdown, templates, printer, options);
          for (const [name, file] of files) {
            const path = join(options.outputDir, brief.id, `${name}.pdf`);
            await writeAtomic(path, file.bytes);
            written.push({
              path: manifestPath(options.outputDir, path),
              bytes: file.bytes.length,
              pages: file.pages,
              sha256: sha256(file.bytes),
            });
          }
        } catch (cause) {
          // A browser that cannot start fails every document the same way: stop at once.
          if (cause instanceof BriefkitError && cause.code.startsWith('BROWSER')) throw cause;
          failures.push({
            name: brief.id,
            reason: cause instanceof Error ? cause.message : String(cause),
          });
        }
      }),
    );
  } finally {
    await printer.dispose();
  }
  if (written.length > 0) await updateManifest(options.outputDir, written);
  return { ...read, written, failures };
}

/** One brief's requested outputs, finished in memory; nothing is written here. */
async function buildOutputs(
  brief: Brief,
  markdown: VFile | undefined,
  templates: Templates,
  printer: Printer,
  options: BuildOptions,
): Promise<Map<OutputKind, FinishedPdf>> {
  const started = performance.now();
  const wanted = new Set(options.formats ?? brief.meta.outputs);
  const info: DocumentInfo = {
    title: brief.meta.title,
    authors:
      brief.meta.authors.length > 0
        ? brief.meta.authors
        : brief.meta.organization
          ? [brief.meta.organization]
          : [],
    subject: brief.meta.subtitle ?? brief.meta.publication,
    keywords: brief.meta.keywords,
    lang: brief.meta.lang,
    date: await sourceDate(brief),
  };
  const allowedRoots = [brief.dir];
  const slides = deckSlides(brief);
  const needsDeck = wanted.has('deck') || wanted.has('handout');

  const briefPdf = wanted.has('brief')
    ? renderBrief(brief, templates)
        .then((html) => printer.print({ name: `${brief.id}/brief.pdf`, html, allowedRoots }))
        .then((pdf) => finishPdf(pdf, info))
    : undefined;

  let slideFits: FitResult[] = [];
  const deckPdf = needsDeck
    ? renderDeck(brief, slides, templates)
        .then((html) =>
          printer.print({
            name: `${brief.id}/deck.pdf`,
            html,
            allowedRoots,
            pdf: { outline: false },
            prepare: async (page) => {
              slideFits = await fitBoxes(page, {
                container: '.slide',
                box: '.slide-body',
                floor: fitFloor,
              });
            },
          }),
        )
        .then((pdf) => {
          reportOverflow(brief, slides, slideFits, markdown, options.allowOverflow ?? false);
          return finishPdf(pdf, info, (document) => {
            setOutline(
              document,
              slides.map((slide) => ({ title: slide.title, page: slide.number - 1 })),
            );
            const label = labelsFor(brief.meta.lang).notes;
            for (const slide of slides)
              if (slide.notesText)
                addNoteAnnotation(document, slide.number - 1, slide.notesText, label);
          });
        })
    : undefined;

  let handoutPdf: Promise<FinishedPdf> | undefined;
  if (wanted.has('handout') && deckPdf) {
    const plan = planHandout(slides, brief.meta.paper, options.handout ?? brief.meta.handout);
    let notesFits: FitResult[] = [];
    const frame = printer.print({
      name: `${brief.id}/handout.pdf`,
      html: renderHandout(brief, plan, templates),
      allowedRoots,
      pdf: { outline: false },
      prepare: async (page) => {
        notesFits = await fitBoxes(page, {
          container: '.slot-notes',
          box: '.slot-notes-body',
          floor: fitFloor,
        });
      },
    });
    handoutPdf = Promise.all([frame, deckPdf]).then(([printed, deck]) => {
      const withNotes = plan.sheets.flatMap((sheet) => sheet.slots).filter((slot) => slot.notes);
      for (const fit of notesFits) {
        const slide = withNotes[fit.index]?.slide;
        if (fit.overflow > 0 && slide) {
          markdown?.message(
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

  // Settle everything before deciding, so one failure does not leave other pages printing.
  const settled = await Promise.allSettled([briefPdf, deckPdf, handoutPdf]);
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  const [briefDone, deckDone, handoutDone] = settled.map((result) =>
    result.status === 'fulfilled' ? result.value : undefined,
  );
  const files = new Map<OutputKind, FinishedPdf>();
  if (briefDone) files.set('brief', briefDone);
  if (deckDone && wanted.has('deck')) files.set('deck', deckDone);
  if (handoutDone) files.set('handout', handoutDone);
  log('%s: %o in %d ms', brief.id, [...files.keys()], Math.round(performance.now() - started));
  return files;
}

/** A slide that still overflows at the smallest type is an error naming slide, title and source line. */
function reportOverflow(
  brief: Brief,
  slides: readonly Slide[],
  fits: readonly FitResult[],
  markdown: VFile | undefined,
  allowOverflow: boolean,
): void {
  const overflowing = fits.filter((fit) => fit.overflow > 0);
  for (const fit of overflowing) {
    const slide = slides[fit.index];
    if (!slide) continue;
    const reason = `Slide ${slide.number} “${slide.title}” does not fit: ${Math.round(fit.overflow)} px still overflow at ${Math.round(fitFloor * 100)}% type; shorten its \`:::slide\` content or split the section`;
    const message = markdown?.message(reason, {
      place: { line: slide.line, column: slide.column },
      ruleId: 'slide-overflow',
      source: 'briefkit',
    });
    if (message && !allowOverflow) message.fatal = true;
  }
  if (overflowing.length > 0 && !allowOverflow) {
    error(
      'CONTENT_INVALID',
      `${overflowing.length} slide(s) overflow (use --allow-overflow to build anyway); nothing was written.`,
      markdown ? [markdown] : [],
    );
  }
}
