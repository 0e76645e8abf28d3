/**
 * The shape of `briefkit.config.{js,mjs,json}`. This module is the package's public entry
 * (`import { defineConfig } from 'briefkit'`), so it depends on nothing else in briefkit.
 */

export type Paper = 'letter' | 'a4';

/** Colours of the documents, as `#rgb` or `#rrggbb`. Unset colours keep briefkit's theme. */
export interface Palette {
  /** Headings, rules, links, the slides' edge. */
  primary?: string;
  /** Highlights: classification, key-figure accents. */
  accent?: string;
  /** Body text. */
  ink?: string;
  /** Secondary text: bylines, captions, running header and footer. */
  muted?: string;
  /** Hairlines and table rules. */
  rule?: string;
  /** Box backgrounds: summary, key figures, recommendations. */
  panel?: string;
}

export interface BrandConfig {
  /** The organization named on every document (over each brief's `organization:`). */
  organization?: string;
  /** A logo image (SVG, PNG, JPEG or WebP), relative to the config file. */
  logo?: string;
  palette?: Palette;
}

/** A font family and the stylesheets that declare its `@font-face` rules. */
export interface FontConfig {
  /** The family name the stylesheets declare, e.g. `Merriweather`. */
  family: string;
  /**
   * Stylesheets with `@font-face` rules: paths relative to the config file, or package files
   * such as `@fontsource/merriweather/400.css`. Their fonts are embedded in every PDF.
   */
  stylesheets: string[];
}

export interface FontsConfig {
  /** Body text of the brief (default Source Serif 4). */
  serif?: FontConfig;
  /** Headings, slides, captions (default Source Sans 3). */
  sans?: FontConfig;
}

/**
 * Bounds on input, far above any real brief; raise one when a project needs more. Crossing one
 * is an error at the file and line where it happens.
 */
export interface LimitsConfig {
  /** Bytes of each file a brief reads: brief.md, stats.yaml, CSVs, batch data (1000000). */
  fileSize?: number;
  /** Lists, block quotes, directives and HTML elements inside each other (100). */
  nesting?: number;
  /** YAML alias expansion in one file (100). */
  yamlAliases?: number;
  /** Entries in each of `stats`, `series` and `sources` of a stats.yaml (5000). */
  stats?: number;
  /** Values in one series (10000). */
  seriesPoints?: number;
  /** Rows of a batch data file (1000). */
  batchRows?: number;
  /** Definitions (`: text` under a term) in one brief (500). */
  definitions?: number;
  /** Characters of one block of lines without a blank line: a paragraph, list or table (50000). */
  paragraph?: number;
}

export interface BriefkitConfig {
  /** Folder of briefs, relative to the config file (default `content`). */
  content?: string;
  /** Folder the PDFs are written to, relative to the config file (default `output`). */
  output?: string;
  /** Paper of every brief and handout (over each brief's `paper:`). */
  paper?: Paper;
  brand?: BrandConfig;
  fonts?: FontsConfig;
  limits?: LimitsConfig;
  /** Figures typed into the prose without a stat, and links that go nowhere, are errors (as `check --strict`). */
  strict?: boolean;
  /** Warn about stats whose `as_of` is older than this many years at each brief's date. */
  staleAfter?: number;
}

/** Types a config file: `export default defineConfig({ … })`. Returns its argument unchanged. */
export function defineConfig(config: BriefkitConfig): BriefkitConfig {
  return config;
}
