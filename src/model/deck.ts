import type { Root } from 'hast';
import type {
  Brief,
  Callout,
  Chart,
  Figure,
  SlideChunk,
  SlideLook,
  SlideSource,
  Source,
} from './brief.js';
import { bodyHeight, itemHeight, packItems } from './paginate-slide.js';
import { sourceCredit } from '../format.js';
import { chartParts } from '../chart-request.js';
import { slideBarBands } from '../slide-size.js';
import { labelsFor } from '../labels.js';
import { slideText } from './slide-text.js';
import { textWithFields } from '../slots.js';

/** A batch row's values, by column. */
type Row = Readonly<Record<string, string>>;

export type SlideKind =
  | 'title'
  | 'agenda'
  | 'divider'
  | 'section'
  | 'key-figure'
  | 'chart'
  | 'recommendations'
  | 'sources';

/** One slide of the deck, and one page of deck.pdf. */
export interface Slide {
  /** 1-based, as printed on the slide. */
  number: number;
  kind: SlideKind;
  /** The slide's heading: its outline entry and its name in messages. */
  title: string;
  /** Everything it says, as plain text (the handout's description of it). */
  text: string;
  /** What section slides show. */
  body?: Root;
  figure?: Figure;
  chart?: Chart;
  /** "Publisher, Title" of the figure's source. */
  sourceText?: string;
  /** Agenda entries (text), and the number of the first (an agenda continues over slides). */
  agenda?: string[];
  agendaStart?: number;
  /** Divider slides: the part's number ("Part 2"); its sub-sections are its `agenda`. */
  part?: number;
  /** Recommendations, one tree per item. */
  items?: Root[];
  sources?: Source[];
  notes?: Root | undefined;
  notesText?: string | undefined;
  /** True when this slide carries on the one before (its title says so too). */
  continued?: boolean;
  /**
   * True when an author wrote what it shows (`:::slide`, a slide of a slide document): only
   * such a slide is an error when it does not fit; generated slides continue instead.
   */
  authored?: boolean;
  /** A slide document's slide: its look (Marp's directives, Slidev's layout). */
  look?: SlideLook;
  /** Its `![bg](…)` picture, placed as `look.background` says. */
  background?: Root | undefined;
  /** Where in brief.md this slide comes from, for overflow messages. */
  line: number;
  column: number;
}

const sourcesPerSlide = 5;
/** A deck longer than this opens each part (a section with sub-sections) with a divider. */
const longDeck = 20;

/**
 * The deck's slides, in order: title, agenda (over as many slides as it needs), what comes
 * before the first section, each section (its slides, continued where they do not fit one,
 * followed by its big-number and chart slides, then its sub-sections' slides the same way),
 * recommendations, sources. The section that holds `:::recommendations` is shown by the
 * recommendations slide rather than a section slide of its own.
 */
export function deckSlides(brief: Brief, row?: Row): Slide[] {
  const lang = brief.meta.lang;
  // Titles are filled per row: a heading's `:field[…]` reads as the row's value.
  const titleOf = (source: SlideSource): string =>
    source.heading ? textWithFields(source.heading, row, lang).trim() : source.title;
  const words = (tree: Root): string => textWithFields(tree, row, lang);
  if (brief.slideChunks) return chunkSlides(brief, brief.slideChunks, titleOf, words);
  const labels = labelsFor(lang);
  const start = { line: 1, column: 1 };
  const recommendationsSection = brief.sections.find(
    (section) => section.id === brief.recommendations?.sectionId,
  );

  const slides: Omit<Slide, 'number' | 'text'>[] = [
    { kind: 'title', title: brief.meta.title, ...start },
  ];
  const titles = brief.sections.map(titleOf);
  // Two columns of entries, each a slide's body high (less a little: columns balance unevenly).
  const agendaRoom = 2 * bodyHeight(labels.agenda) * 0.9;
  const agendaRuns = packItems(titles, agendaRoom, (title) => itemHeight(title, 0.95, 2));
  let agendaStart = 1;
  for (const [index, run] of agendaRuns.entries()) {
    slides.push({
      kind: 'agenda',
      title: index === 0 ? labels.agenda : `${labels.agenda} (${labels.continued})`,
      agenda: run,
      agendaStart,
      ...(index > 0 ? { continued: true } : {}),
      ...start,
    });
    agendaStart += run.length;
  }
  const slidesOf = (source: SlideSource) => sourceSlides(source, titleOf(source), labels.continued);
  if (brief.overview) slides.push(...slidesOf(brief.overview));

  const parts = brief.sections.filter((section) => section.subsections.length > 0);
  const flat = brief.sections.flatMap((section) =>
    section === recommendationsSection ? [] : [section, ...section.subsections],
  );
  const dividers = parts.length > 1 && flat.length + titles.length / 12 > longDeck;
  const titleCount = new Map<string, number>();
  for (const source of [...brief.sections, ...brief.sections.flatMap((item) => item.subsections)]) {
    const key = titleOf(source).trim().toLowerCase();
    titleCount.set(key, (titleCount.get(key) ?? 0) + 1);
  }
  for (const section of brief.sections) {
    const place = { line: section.line, column: section.column };
    if (section !== recommendationsSection) {
      const part = parts.indexOf(section) + 1;
      const introducesOnly = part > 0 && section.slidePages.length === 0;
      if (part > 0 && (dividers || introducesOnly)) {
        slides.push({
          kind: 'divider',
          title: titleOf(section),
          part,
          agenda: section.subsections.map(titleOf),
          notes: section.notes,
          notesText: section.notesText,
          ...place,
        });
        const rest = { ...section, notes: undefined, notesText: undefined };
        if (!introducesOnly) slides.push(...slidesOf(rest));
      } else {
        slides.push(...slidesOf(section));
      }
    }
    slides.push(...calloutSlides(section.callouts, brief, place));
    for (const sub of section.subsections) {
      // A sub-section named as another slide is (a memo's "Vision" and "Actions" under each
      // part) is titled with its section too: "Identity: Vision", on the slide and in the outline.
      const title = titleOf(sub);
      const shared = (titleCount.get(title.trim().toLowerCase()) ?? 0) > 1;
      slides.push(
        ...sourceSlides(sub, shared ? `${titleOf(section)}: ${title}` : title, labels.continued),
      );
      slides.push(...calloutSlides(sub.callouts, brief, { line: sub.line, column: sub.column }));
    }
  }
  if (brief.recommendations && brief.recommendations.items.length > 0) {
    slides.push({
      kind: 'recommendations',
      title: recommendationsSection ? titleOf(recommendationsSection) : labels.recommendations,
      items: brief.recommendations.items,
      notes: recommendationsSection?.notes,
      notesText: recommendationsSection?.notesText,
      line: recommendationsSection?.line ?? 1,
      column: recommendationsSection?.column ?? 1,
    });
  }
  slides.push(...sourcesSlides(brief));
  return numbered(slides, words);
}

/**
 * A slide document's deck: its slides as written, one per chunk (each followed by the slides of
 * its charts and big numbers), then the sources it cites. No title or agenda slide: the author
 * wrote the deck.
 */
function chunkSlides(
  brief: Brief,
  chunks: readonly SlideChunk[],
  titleOf: (source: SlideSource) => string,
  words: (tree: Root) => string,
): Slide[] {
  const slides: Omit<Slide, 'number' | 'text'>[] = [];
  for (const chunk of chunks) {
    slides.push({
      kind: 'section',
      title: titleOf(chunk),
      body: chunk.slidePages[0] ?? { type: 'root', children: [] },
      notes: chunk.notes,
      notesText: chunk.notesText,
      authored: true,
      look: chunk.look,
      background: chunk.background,
      line: chunk.line,
      column: chunk.column,
    });
    slides.push(...calloutSlides(chunk.callouts, brief, chunk));
  }
  slides.push(...sourcesSlides(brief));
  return numbered(slides, words);
}

function sourcesSlides(brief: Brief): Omit<Slide, 'number' | 'text'>[] {
  const labels = labelsFor(brief.meta.lang);
  const slides: Omit<Slide, 'number' | 'text'>[] = [];
  for (let index = 0; index < brief.sources.length; index += sourcesPerSlide) {
    const part = brief.sources.length > sourcesPerSlide ? ` (${index / sourcesPerSlide + 1})` : '';
    slides.push({
      kind: 'sources',
      title: `${labels.sources}${part}`,
      sources: brief.sources.slice(index, index + sourcesPerSlide),
      line: 1,
      column: 1,
    });
  }
  return slides;
}

const numbered = (
  slides: readonly Omit<Slide, 'number' | 'text'>[],
  words: (tree: Root) => string,
): Slide[] =>
  slides.map((slide, index) => ({ ...slide, number: index + 1, text: slideText(slide, words) }));

/** A section's (or sub-section's) own slides, titled `title`: one per page of what it shows. */
function sourceSlides(
  source: SlideSource,
  title: string,
  continued: string,
): Omit<Slide, 'number' | 'text'>[] {
  const authored = source.slideBlock !== undefined;
  const place = source.slideBlock ?? { line: source.line, column: source.column };
  // Nothing to show but the charts or big numbers that follow: they carry the section.
  if (source.slidePages.length === 0 && source.callouts.length > 0) return [];
  const pages: Root[] =
    source.slidePages.length > 0 ? source.slidePages : [{ type: 'root', children: [] }];
  return pages.map((body, index) => ({
    kind: 'section',
    title: index === 0 ? title : `${title} (${continued})`,
    body,
    ...(index === 0 ? { notes: source.notes, notesText: source.notesText } : { continued: true }),
    ...(authored ? { authored } : {}),
    ...place,
  }));
}

function calloutSlides(
  callouts: readonly Callout[],
  brief: Brief,
  place: { line: number; column: number },
): Omit<Slide, 'number' | 'text'>[] {
  return callouts.flatMap((callout): Omit<Slide, 'number' | 'text'>[] => {
    if (callout.kind === 'key-figure') {
      const { figure } = callout;
      const source = brief.sources.find((candidate) => candidate.number === figure.sourceNumber);
      const sourceText = source ? sourceCredit(source, { stop: false }) : '';
      return [{ kind: 'key-figure', title: figure.label, figure, sourceText, ...place }];
    }
    const { chart } = callout;
    // A bar chart whose names would not fit at the least type a slide allows goes on over as
    // many slides as it needs, each on the whole chart's scale.
    const grouped = new Set(chart.rows.map((row) => row.group ?? '')).size > 1;
    const categories = [...new Set(chart.rows.map((row) => row.category))];
    const parts = chartParts(categories, chart.type === 'bar' ? slideBarBands(grouped) : Infinity);
    const continued = labelsFor(brief.meta.lang).continued;
    return parts.map((part) => ({
      kind: 'chart',
      title: part.first ? chart.title : `${chart.title} (${continued})`,
      chart: parts.length > 1 ? { ...chart, part } : chart,
      sourceText: chart.sourceText,
      line: chart.line,
      column: chart.column,
      ...(part.first ? {} : { continued: true }),
    }));
  });
}
