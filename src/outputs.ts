/**
 * What a build can make of a brief, and the file each one is. Kept apart from the schema so the
 * CLI starts without zod. `pptx` is the deck again, as an editable PowerPoint file; `web` the
 * brief as one self-contained web page.
 */
export const outputKinds = ['brief', 'deck', 'handout', 'pptx', 'web'] as const;
export type OutputKind = (typeof outputKinds)[number];

/** The file each output is. */
export const outputFiles: Readonly<Record<OutputKind, string>> = {
  brief: 'brief.pdf',
  deck: 'deck.pdf',
  handout: 'handout.pdf',
  pptx: 'deck.pptx',
  web: 'brief.html',
};

/** Outputs the browser prints; the others are written without one. */
export const printedKinds: readonly OutputKind[] = ['brief', 'deck', 'handout'];

/** Handout layouts: ruled note lines beside each slide, or the speaker notes under it. */
export const handoutLayouts = ['lines', 'notes'] as const;
export type HandoutLayout = (typeof handoutLayouts)[number];
export const defaultHandout: HandoutLayout = 'lines';

/**
 * Where a deck's slides come from: the document's headings, or one slide per `---` chunk (a
 * slide document: written as such, or recognised as Marp's or Slidev's).
 */
export const slideModes = ['sections', 'breaks', 'marp', 'slidev'] as const;
export type SlideMode = (typeof slideModes)[number];

/** The language of a brief that names none. */
export const defaultLang = 'en-US';
