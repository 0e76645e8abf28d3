/** The config as the commands use it: validated, paths absolute (read by ./read.ts). */
import type { Limits } from '../load/limits.js';
import type { Paper, Palette } from './define.js';

export interface ResolvedFont {
  family: string;
  /** Absolute paths of the stylesheets. */
  stylesheets: string[];
}

/** A validated config file with every path made absolute (relative to the file). */
export interface ResolvedConfig {
  /** Absolute path of the file read; undefined when there is none. */
  file: string | undefined;
  contentDir: string | undefined;
  outputDir: string | undefined;
  paper: Paper | undefined;
  organization: string | undefined;
  logo: string | undefined;
  palette: Palette;
  fonts: { serif?: ResolvedFont; sans?: ResolvedFont };
  /** Input bounds: the defaults with the config's over them. */
  limits: Limits;
  /** Figures typed into the prose without a stat are errors, not warnings. */
  strict?: boolean | undefined;
  /** Warn about stats whose `as_of` is older than this many years at the brief's date. */
  staleAfter?: number | undefined;
}
