/**
 * The words of briefkit's outputs, shared by every stage (front matter, config, command line,
 * model): kept apart from the schema so the CLI starts without zod.
 */

/** What a build can make of a brief. `pptx` is the deck again, as an editable PowerPoint file. */
export const outputKinds = ['brief', 'deck', 'handout', 'pptx'] as const;
export type OutputKind = (typeof outputKinds)[number];

/** The file each output is. */
export const outputFiles: Readonly<Record<OutputKind, string>> = {
  brief: 'brief.pdf',
  deck: 'deck.pdf',
  handout: 'handout.pdf',
  pptx: 'deck.pptx',
};

/** Outputs the browser prints; the others are written without one. */
export const printedKinds: readonly OutputKind[] = ['brief', 'deck', 'handout'];

/** Handout layouts: ruled note lines beside each slide, or the speaker notes under it. */
export const handoutLayouts = ['lines', 'notes'] as const;
export type HandoutLayout = (typeof handoutLayouts)[number];
export const defaultHandout: HandoutLayout = 'lines';

/** The language of a brief that names none. */
export const defaultLang = 'en-US';
