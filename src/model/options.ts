import {
  defaultHandout,
  defaultLang,
  outputKinds,
  type HandoutLayout,
  type OutputKind,
} from '../outputs.js';
import type { Palette } from '../config/define.js';
import { defaultLimits, type Limits } from '../load/limits.js';
import { defaultPaper, paperSizes, type Paper, type PaperSize } from '../paper.js';
import { textDirection } from './direction.js';

/**
 * Where each document option comes from, in one place: the command line, else the config file,
 * else the brief's front matter, else briefkit's default. `resolveOptions` is the only function
 * that applies this order; the build plans with its result (cache keys), and the same value goes
 * to the templates and the printer. Nothing is written back into the model.
 */

/** What config and command line decide for every document: brand, paper, release stamp. */
export interface DocumentSettings {
  /** Paper of every brief and handout, over front matter. */
  paper: Paper | undefined;
  /** Organization of every document, over front matter. */
  organization: string | undefined;
  /** Custom properties (`:root { --bk-primary: … }`) after theme.css: palette and font families. */
  css: string | undefined;
  /** The palette as configured (part of the cache key). */
  palette: Palette;
  /** `file:` URLs of extra font stylesheets, linked before theme.css. */
  stylesheets: string[];
  /** The brand logo for the cover and the title slide. */
  logo: { path: string; url: string; alt: string } | undefined;
  /** Folders printed pages may read besides templates, fonts and the brief (logo, font files). */
  allowedRoots: string[];
  /** Release stamp for the footers, e.g. `v1.2.3 · 2026-01-01`. */
  stamp: string | undefined;
  /** Bounds on what a brief may hold (config `limits`). */
  limits: Limits;
}

export const noDocumentSettings: DocumentSettings = {
  paper: undefined,
  organization: undefined,
  css: undefined,
  palette: {},
  stylesheets: [],
  logo: undefined,
  allowedRoots: [],
  stamp: undefined,
  limits: defaultLimits,
};

/** The front-matter fields that are document options (read leniently by the planner). */
export interface FrontChoices {
  paper?: Paper | undefined;
  outputs?: readonly OutputKind[] | undefined;
  handout?: HandoutLayout | undefined;
  lang?: string | undefined;
  organization?: string | undefined;
}

/** Command-line choices of one build that are not settings of every document. */
export interface BuildChoices {
  formats?: readonly OutputKind[] | undefined;
  handout?: HandoutLayout | undefined;
}

/** One document's options, resolved: what templates read as `document`. */
export interface DocumentOptions extends Omit<DocumentSettings, 'paper' | 'organization'> {
  paper: Paper;
  /** The page size of `paper`. */
  page: PaperSize;
  organization: string | undefined;
  outputs: OutputKind[];
  handout: HandoutLayout;
  lang: string;
  /** `rtl` for languages written right to left: pages, slides and handouts are mirrored. */
  dir: 'ltr' | 'rtl';
}

export function resolveOptions(
  front: FrontChoices,
  settings: DocumentSettings = noDocumentSettings,
  choices: BuildChoices = {},
): DocumentOptions {
  const paper = settings.paper ?? front.paper ?? defaultPaper;
  const outputs = choices.formats ?? (front.outputs?.length ? front.outputs : outputKinds);
  return {
    ...settings,
    paper,
    page: paperSizes[paper],
    organization: settings.organization ?? front.organization,
    outputs: [...outputs],
    handout: choices.handout ?? front.handout ?? defaultHandout,
    lang: front.lang ?? defaultLang,
    dir: textDirection(front.lang ?? defaultLang),
  };
}
