/**
 * Bounds on what one brief may hold, so no input makes a run crash or go on without end. Each
 * default is far beyond any real brief; the config's `limits` raises one where a project needs it.
 */
export interface Limits {
  /** Bytes of each file read: brief.md, stats.yaml, series CSVs, batch data. */
  fileSize: number;
  /** Levels of lists, block quotes, directives and HTML elements inside each other. */
  nesting: number;
  /** YAML aliases expanded in one file (a "billion laughs" file has millions). */
  yamlAliases: number;
  /** Entries in each of `stats`, `series` and `sources`. */
  stats: number;
  /** Values in one series (inline or CSV rows). */
  seriesPoints: number;
  /** Rows of a batch data file (one document set each). */
  batchRows: number;
  /** Definitions (`: text` under a term) in one brief: each costs time in proportion to the
   * brief's length (the definition-list parser's splices), so many cost their square. */
  definitions: number;
  /** Characters of one block of lines without a blank line (a paragraph, a list, a table):
   * micromark's emphasis and text resolvers take time that grows with its square. */
  paragraph: number;
}

export const defaultLimits: Readonly<Limits> = {
  fileSize: 1_000_000,
  nesting: 100,
  yamlAliases: 100,
  stats: 5_000,
  seriesPoints: 10_000,
  batchRows: 1_000,
  definitions: 500,
  paragraph: 50_000,
};

/** The config key that raises a limit, for messages. */
export const limitKey = (name: keyof Limits): string => `limits.${name}`;

/** `5.0 MB`: sizes in messages, in decimal megabytes like file managers show them. */
export const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;
