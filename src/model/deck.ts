import type { Brief, Chart, Figure, Source } from './brief.js';
import { labelsFor } from './labels.js';

export type SlideKind =
  'title' | 'agenda' | 'section' | 'key-figure' | 'chart' | 'recommendations' | 'sources';

/** One slide of the deck, and one page of deck.pdf. */
export interface Slide {
  /** 1-based, as printed on the slide. */
  number: number;
  kind: SlideKind;
  /** The slide's heading: its outline entry and its name in messages. */
  title: string;
  /** Body HTML for section slides. */
  html?: string;
  figure?: Figure;
  chart?: Chart;
  /** "Publisher, Title" of the figure's source. */
  sourceText?: string;
  /** Agenda entries (text). */
  agenda?: string[];
  /** Recommendations (HTML). */
  items?: string[];
  sources?: Source[];
  notesHtml?: string | undefined;
  notesText?: string | undefined;
  /** Where in brief.md this slide comes from, for overflow messages. */
  line: number;
  column: number;
}

const sourcesPerSlide = 5;

/**
 * The deck's slides, in order: title, agenda, each section (followed by its big-number and chart
 * slides),
 * recommendations, sources. The section that holds `:::recommendations` is shown by the
 * recommendations slide rather than a section slide of its own.
 */
export function deckSlides(brief: Brief): Slide[] {
  const labels = labelsFor(brief.meta.lang);
  const slides: Omit<Slide, 'number'>[] = [];
  const start = { line: 1, column: 1 };
  const recommendationsSection = brief.sections.find(
    (section) => section.id === brief.recommendations?.sectionId,
  );

  slides.push({ kind: 'title', title: brief.meta.title, ...start });
  slides.push({
    kind: 'agenda',
    title: labels.agenda,
    agenda: brief.sections.map((section) => section.title),
    ...start,
  });
  for (const section of brief.sections) {
    const place = { line: section.line, column: section.column };
    if (section !== recommendationsSection) {
      slides.push({
        kind: 'section',
        title: section.title,
        html: section.slideHtml,
        notesHtml: section.notesHtml,
        notesText: section.notesText,
        ...place,
      });
    }
    for (const callout of section.callouts) {
      if (callout.kind === 'key-figure') {
        const { figure } = callout;
        const source = brief.sources.find((candidate) => candidate.number === figure.sourceNumber);
        const sourceText = source ? `${source.publisher}, ${source.title}` : '';
        slides.push({ kind: 'key-figure', title: figure.label, figure, sourceText, ...place });
      } else {
        const { chart } = callout;
        slides.push({
          kind: 'chart',
          title: chart.title,
          chart,
          sourceText: chart.sourceText,
          line: chart.line,
          column: chart.column,
        });
      }
    }
  }
  if (brief.recommendations && brief.recommendations.items.length > 0) {
    slides.push({
      kind: 'recommendations',
      title: recommendationsSection?.title ?? labels.recommendations,
      items: brief.recommendations.items,
      notesHtml: recommendationsSection?.notesHtml,
      notesText: recommendationsSection?.notesText,
      line: recommendationsSection?.line ?? 1,
      column: recommendationsSection?.column ?? 1,
    });
  }
  for (let index = 0; index < brief.sources.length; index += sourcesPerSlide) {
    const part = brief.sources.length > sourcesPerSlide ? ` (${index / sourcesPerSlide + 1})` : '';
    slides.push({
      kind: 'sources',
      title: `${labels.sources}${part}`,
      sources: brief.sources.slice(index, index + sourcesPerSlide),
      ...start,
    });
  }
  return slides.map((slide, index) => ({ ...slide, number: index + 1 }));
}
