/**
 * What a build can make of a brief, and the file each one is. Kept apart from the schema so the
 * CLI starts without zod. `pptx` is the deck again, as an editable PowerPoint file.
 */
export const outputKinds = ['brief', 'deck', 'handout', 'pptx'] as const;
export type OutputKind = (typeof outputKinds)[number];

export const outputFiles: Readonly<Record<OutputKind, string>> = {
  brief: 'brief.pdf',
  deck: 'deck.pdf',
  handout: 'handout.pdf',
  pptx: 'deck.pptx',
};

/** Outputs the browser prints; the others are written without one. */
export const printedKinds: readonly OutputKind[] = ['brief', 'deck', 'handout'];
