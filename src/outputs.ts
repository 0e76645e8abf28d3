/** The three outputs of a brief. Kept apart from the schema so the CLI starts without zod. */
export const outputKinds = ['brief', 'deck', 'handout'] as const;
export type OutputKind = (typeof outputKinds)[number];
