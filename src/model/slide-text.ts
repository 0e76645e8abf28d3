import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';

/** The parts of a slide that hold words (kept here, so the deck model can import this). */
interface SlideWords {
  title: string;
  body?: Root;
  figure?: { value: string; label: string };
  chart?: { alt: string };
  agenda?: string[];
  items?: Root[];
  sources?: { publisher: string; title: string }[];
  sourceText?: string;
}

/**
 * What a slide says, as one line of plain text in reading order: the handout tags each imposed
 * slide with it, so a screen reader gets the slides' words, not only their titles. `words` reads
 * a tree (with a batch row's values in its fields).
 */
export function slideText(slide: SlideWords, words: (tree: Root) => string = toString): string {
  const parts = [
    slide.title,
    slide.body && words(slide.body),
    slide.figure && `${slide.figure.value} ${slide.figure.label}`,
    slide.chart?.alt,
    ...(slide.agenda ?? []),
    ...(slide.items ?? []).map((item) => words(item)),
    ...(slide.sources ?? []).map((source) => `${source.publisher}, ${source.title}`),
    slide.sourceText,
  ];
  return parts
    .filter((part): part is string => Boolean(part?.trim()))
    .map((part) =>
      part
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/([^.!?:])$/, '$1.'),
    )
    .join(' ');
}
