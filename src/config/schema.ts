import { z } from 'zod';
import type { BriefkitConfig } from './define.js';
import { papers } from '../paper.js';

/**
 * Validation of a config file. Strict objects everywhere: an unknown key is an error, so a typo
 * (`pallete`) never passes silently. Values that end up in CSS are restricted to characters that
 * cannot close a declaration, so a config cannot inject styles or requests into the documents.
 */
const colour = z
  .string({ error: 'expected a colour such as #1b4a72' })
  .regex(/^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i, 'expected a colour such as #1b4a72 (#rgb or #rrggbb)');

const path = z.string({ error: 'expected a path' }).min(1, 'expected a path, not an empty string');

const font = z.strictObject({
  family: z
    .string({ error: 'expected a font family name' })
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9 _-]*$/,
      'expected a family name of letters, digits, spaces, hyphens or underscores',
    ),
  stylesheets: z
    .array(path, { error: 'expected a list of stylesheets' })
    .min(1, 'list at least one stylesheet with its @font-face rules'),
});

const limit = z
  .number({ error: 'expected a whole number' })
  .int('expected a whole number')
  .min(1, 'expected at least 1')
  .max(Number.MAX_SAFE_INTEGER, 'expected a smaller number');

export const configSchema = z.strictObject({
  content: path.optional(),
  output: path.optional(),
  paper: z
    .enum(papers, { error: `expected ${papers.map((paper) => `\`${paper}\``).join(' or ')}` })
    .optional(),
  brand: z
    .strictObject({
      organization: z
        .string({ error: 'expected a name' })
        .min(1, 'expected a name, not an empty string')
        .optional(),
      logo: path.optional(),
      palette: z
        .strictObject({
          primary: colour.optional(),
          accent: colour.optional(),
          ink: colour.optional(),
          muted: colour.optional(),
          rule: colour.optional(),
          panel: colour.optional(),
        })
        .optional(),
    })
    .optional(),
  fonts: z.strictObject({ serif: font.optional(), sans: font.optional() }).optional(),
  limits: z
    .strictObject({
      fileSize: limit.optional(),
      nesting: limit.optional(),
      yamlAliases: limit.optional(),
      stats: limit.optional(),
      seriesPoints: limit.optional(),
      batchRows: limit.optional(),
      definitions: limit.optional(),
      paragraph: limit.optional(),
    })
    .optional(),
  strict: z.boolean({ error: 'expected true or false' }).optional(),
  staleAfter: z
    .number({ error: 'expected a number of years' })
    .positive('expected a positive number of years')
    .optional(),
});

export type ValidConfig = z.output<typeof configSchema>;

// The schema and the public type describe the same thing: each must accept the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Deep<T> = T extends object ? { [K in keyof T]-?: Deep<Exclude<T[K], undefined>> } : T;
const schemaMatchesType: Same<Deep<ValidConfig>, Deep<BriefkitConfig>> = true;
void schemaMatchesType;

/** The keys allowed at `path` (for "did you mean" on unknown keys). */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = configSchema;
  for (const key of path) {
    schema = unwrap(schema);
    if (!(schema instanceof z.ZodObject)) return [];
    const next = (schema.shape as Record<string, z.ZodType>)[String(key)];
    if (!next) return [];
    schema = next;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional ? unwrap(schema.unwrap() as z.ZodType) : schema;
}
