import { z } from 'zod';

/** What a brief's front matter may say (DESIGN.md §2). Unknown keys are sorted out before (front-matter.ts). */
import {
  defaultHandout,
  defaultLang,
  handoutLayouts,
  outputKinds,
  slideModes,
} from '../outputs.js';
import { defaultPaper, papers } from '../paper.js';

export { outputKinds, type OutputKind } from '../outputs.js';

const isoDate = z
  .union([z.string(), z.date()])
  .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date (YYYY-MM-DD)')
      .refine((value) => !Number.isNaN(Date.parse(value)), 'not a real calendar date'),
  );

/** An ISO 4217 currency code. */
const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as USD');

const languageTag = z.string().refine((tag) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}, 'expected a BCP 47 language tag such as en-US or es-MX');

const stringList = z.union([z.string().transform((value) => [value]), z.array(z.string())]);

/** Pandoc's and Quarto's author entry: `{ name, affiliation | role, email }`. */
const author = z.looseObject({
  name: z.string().min(1, 'an author entry needs a `name`'),
  affiliation: z.union([z.string(), z.array(z.string())]).optional(),
  role: z.string().optional(),
});

function authorName(value: string | z.output<typeof author>): string {
  if (typeof value === 'string') return value;
  const affiliation = Array.isArray(value.affiliation)
    ? value.affiliation.join(', ')
    : value.affiliation;
  const detail = affiliation ?? value.role;
  return detail ? `${value.name} (${detail})` : value.name;
}

export const frontMatterSchema = z.strictObject({
  title: z.string().min(1, 'title must not be empty'),
  subtitle: z.string().optional(),
  short_title: z.string().optional(),
  date: isoDate,
  lang: languageTag.default(defaultLang),
  authors: z
    .union(
      [
        z.string().transform((value) => [value]),
        z.array(z.union([z.string(), author]).transform((value) => authorName(value))),
      ],
      { error: 'expected a name or a list of names' },
    )
    .default([]),
  organization: z.string().optional(),
  publication: z.string().optional(),
  classification: z.string().optional(),
  keywords: stringList.default([]),
  paper: z.enum(papers).default(defaultPaper),
  /** A contents list of the sections after the cover (Pandoc's and Quarto's `toc: true`). */
  toc: z.boolean().default(false),
  outputs: z
    .array(
      z.enum(outputKinds, {
        error: `expected one of ${outputKinds.join(', ')} (e.g. \`outputs: [brief, pptx]\`)`,
      }),
    )
    .min(1, `list at least one of ${outputKinds.join(', ')}`)
    .default([...outputKinds]),
  /** Handout layout: ruled note lines beside each slide, or the speaker notes under it. */
  handout: z.enum(handoutLayouts).default(defaultHandout),
  /**
   * Where the deck's slides come from: the document's headings (`sections`), or one slide per
   * `---`-separated chunk (`breaks`; `marp` and `slidev` too, which front-matter.ts infers from
   * `marp: true` and Slidev's keys). See src/parse/slide-breaks.ts.
   */
  slides: z.enum(slideModes).default('sections'),
  /** Warn about stats whose `as_of` is older than this many years at `date` (off by default). */
  stale_after: z.number().positive('expected a positive number of years').optional(),
  /** One set of outputs per row of a data file: `output/<id>/<row key>/…`. */
  batch: z
    .strictObject({
      data: z
        .string()
        .regex(/\.(csv|ya?ml)$/i, 'a batch data file is a .csv or .yaml file of the brief'),
      key: z.string().min(1),
      /** Column shown on the cover as "Prepared for …". */
      label: z.string().optional(),
    })
    .optional(),
});
export type FrontMatter = z.output<typeof frontMatterSchema>;

export const statFormats = [
  'number',
  'number-compact',
  'currency',
  'currency-compact',
  'percent',
  'year',
] as const;
export type StatFormat = (typeof statFormats)[number];

const sourceSchema = z.strictObject({
  publisher: z.string().min(1),
  title: z.string().min(1),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  accessed: isoDate.optional(),
});

const statSchema = z
  .strictObject({
    label: z.string().min(1),
    value: z.number({ error: 'value must be a number (write 661.6e9, not "$661.6 billion")' }),
    format: z.enum(statFormats).default('number'),
    currency: currencyCode.optional(),
    unit: z.string().optional(),
    digits: z.number().int().min(0).max(6).optional(),
    as_of: z.union([z.string(), z.number()]).transform(String).optional(),
    source: z.string({ error: 'every stat needs a source (a key of `sources:`)' }),
    featured: z.boolean().default(false),
    /** A series that shows this figure's context: a small trend or share beside the number. */
    series: z.string().optional(),
    /** How the figure was read or derived (a share of two sources' numbers), for the ledger. */
    note: z.string().optional(),
    /**
     * This figure's own `stale_after`, over the brief's and the config's: `false` for one that
     * does not age (a treaty's allotment, a border's length), a number for one with its own cycle.
     */
    stale_after: z
      .union([z.literal(false), z.number().positive('expected a positive number of years')])
      .optional(),
  })
  .superRefine((stat, context) => {
    if (stat.format.startsWith('currency') && !stat.currency) {
      context.addIssue({
        code: 'custom',
        path: ['format'],
        message: `format ${stat.format} needs a currency (e.g. currency: USD)`,
      });
    }
  });

/**
 * A data series for charts: inline `label: value` pairs (or `group: { label: value }` for
 * stacked and multi-line charts), or a CSV file of the brief with its columns declared.
 */
const seriesSchema = z
  .strictObject({
    label: z.string().min(1),
    format: z.enum(statFormats).default('number'),
    currency: currencyCode.optional(),
    unit: z.string().optional(),
    digits: z.number().int().min(0).max(6).optional(),
    as_of: z.union([z.string(), z.number()]).transform(String).optional(),
    source: z.string({ error: 'every series needs a source (a key of `sources:`)' }),
    /** How the values were read or derived, for the sources ledger. */
    note: z.string().optional(),
    /** As a stat's: `false` for values that do not age, a number for their own cycle. */
    stale_after: z
      .union([z.literal(false), z.number().positive('expected a positive number of years')])
      .optional(),
    data: z.union(
      [
        z.string().regex(/\.csv$/i, 'a data file must be a .csv file of the brief'),
        z.record(z.string(), z.number({ error: 'series values must be numbers' })),
        z.record(
          z.string(),
          z.record(z.string(), z.number({ error: 'series values must be numbers' })),
        ),
      ],
      { error: 'data is `label: number` pairs, `group: { label: number }`, or a .csv file name' },
    ),
    columns: z
      .strictObject({ category: z.string(), value: z.string(), group: z.string().optional() })
      .optional(),
  })
  .superRefine((series, context) => {
    if (typeof series.data === 'string' && !series.columns) {
      context.addIssue({
        code: 'custom',
        path: ['data'],
        message: 'a CSV series declares its `columns: { category, value, group? }`',
      });
    }
    if (series.format.startsWith('currency') && !series.currency) {
      context.addIssue({
        code: 'custom',
        path: ['format'],
        message: `format ${series.format} needs a currency (e.g. currency: USD)`,
      });
    }
  });

const idPattern = /^[a-z0-9][a-z0-9-]*$/;
const idRecord = <T extends z.ZodType>(value: T) =>
  z.record(z.string().regex(idPattern, 'ids are lower-case letters, digits and hyphens'), value);

export const statsFileSchema = z.strictObject({
  sources: idRecord(sourceSchema),
  stats: idRecord(statSchema).default({}),
  series: idRecord(seriesSchema).default({}),
});
export type StatsFile = z.output<typeof statsFileSchema>;
export type SourceEntry = StatsFile['sources'][string];
export type StatEntry = StatsFile['stats'][string];
export type SeriesEntry = StatsFile['series'][string];
