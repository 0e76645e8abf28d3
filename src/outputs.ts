/**
 * The words of briefkit's outputs, shared by every stage (front matter, config, command line,
 * model): kept apart from the schema so the CLI starts without zod.
 */

/** The three outputs of a brief. */
export const outputKinds = ['brief', 'deck', 'handout'] as const;
export type OutputKind = (typeof outputKinds)[number];

/** Handout layouts: ruled note lines beside each slide, or the speaker notes under it. */
export const handoutLayouts = ['lines', 'notes'] as const;
export type HandoutLayout = (typeof handoutLayouts)[number];
export const defaultHandout: HandoutLayout = 'lines';

/** The language of a brief that names none. */
export const defaultLang = 'en-US';
