import type { Element, Root } from 'hast';
import type { FrontMatter } from '../load/schema.js';
import type { ChartPart, ChartType } from '../chart-request.js';
import type { Formattable } from '../format.js';

/** The one typed document every output is rendered from. Outputs never re-parse Markdown. */
export interface Brief {
  id: string;
  /** The brief's folder and its Markdown file (for messages that point back at the source). */
  dir: string;
  path: string;
  meta: BriefMeta;
  /** `:::summary`, sanitized. Prose parts are trees; render serializes each once per output. */
  summary: Root | undefined;
  /** Content before the first section other than the summary. */
  lead: Root | undefined;
  /** The deck's slide for that content, when there is something to show. */
  overview: SlideSource | undefined;
  sections: Section[];
  /** A slide document's slides, one per `---` chunk; undefined for a brief (slides from sections). */
  slideChunks: SlideChunk[] | undefined;
  recommendations: Recommendations | undefined;
  /** Stats marked `featured`, in stats.yaml order: the key-figures panel. */
  featured: Figure[];
  /** Cited sources, numbered in order of first use. */
  sources: Source[];
  /** Every chart, in reading order (the data appendix lists them). */
  charts: Chart[];
  footnotes: Root | undefined;
  /** `batch:` rows: the brief is built once per row, into `output/<id>/<row key>/`. */
  batch:
    | { key: string; label: string | undefined; rows: Readonly<Record<string, string>>[] }
    | undefined;
}

export interface BriefMeta extends FrontMatter {
  /** Running header/footer text: `short_title`, else the title. */
  shortTitle: string;
  /** The date as a reader sees it, in the brief's language. */
  dateText: string;
}

/** Something that gives slides: a section, a sub-section, or what comes before the first section. */
export interface SlideSource {
  /** Its heading's text as written, for messages (a batch field in it reads as empty here). */
  title: string;
  /**
   * Its heading's content as a tree: the deck fills its batch fields per row, so a slide's title
   * and agenda entry read "Meeting in Monterrey", not "Meeting in". Undefined without a heading.
   */
  heading: Root | undefined;
  /** Speaker notes (`:::notes`): what the presenter says. */
  notes: Root | undefined;
  /** Plain text of the notes, for PDF annotations. */
  notesText: string | undefined;
  /**
   * What its slide shows, one tree per slide: `:::slide` as written (one), else derived
   * (its first list, or its lead sentence and first table, image or code), continued on further
   * slides when it does not fit one. Empty when there is nothing to show.
   */
  slidePages: Root[];
  /** Where `:::slide` is written; undefined when the slide was derived. */
  slideBlock: { line: number; column: number } | undefined;
  /**
   * `::key-figure` callouts and `::chart` figures in it, in reading order: each gets a slide of
   * its own after its slides.
   */
  callouts: Callout[];
  /** Where its heading is, for messages about its slide. */
  line: number;
  column: number;
}

/** How a slide of a slide document asks to look (Marp's directives, Slidev's layouts). */
export interface SlideLook {
  /** Centred, its title large: Marp's `class: lead`, Slidev's cover, center, section… layouts. */
  lead?: boolean;
  /** Marp's `<!-- fit -->` heading: its title set large. */
  fit?: boolean;
  /** Marp's `header`: a line above the title. */
  header?: string;
  /** Marp's `footer`: in the footer instead of the short title. */
  footer?: string;
  /** Marp's `paginate: false`: no slide number. */
  paginate?: boolean;
  /** Marp's `backgroundColor` and `color`: checked CSS colours (src/model/css-color.ts). */
  paper?: string;
  ink?: string;
  /** Marp's `class: invert`: light type on the ink colour. */
  invert?: boolean;
  /**
   * Marp's `![bg](…)`: a picture behind the whole slide (`cover`) or filling one side of it, the
   * text in the rest; `size` is CSS (`60%`, `contain`, `auto`), `opacity` 0–1, `split` the
   * side's share (`40%`, else half), `filter` a checked CSS filter list (`blur(3px) sepia(1)`).
   */
  background?: {
    side: 'cover' | 'left' | 'right';
    size?: string;
    opacity?: number;
    split?: string;
    filter?: string;
  };
}

/** One `---` chunk of a slide document: one slide, as written. */
export interface SlideChunk extends SlideSource {
  look: SlideLook;
  /** Its `![bg](…)` picture (see `look.background`), out of the flow of its text. */
  background: Root | undefined;
  /** Its nodes in the document (charts and big numbers among them give their own slides). */
  nodes: Element[];
  /** The address of the picture on the web it shows in place of anything else (a warning). */
  webOnly?: string;
}

export interface Section extends SlideSource {
  id: string;
  /** The section as the brief prints it (without its `:::slide` and `:::notes`). */
  body: Root;
  /** Headings one level below the section's: each gives slides of its own. */
  subsections: SlideSource[];
}

export type Callout = { kind: 'key-figure'; figure: Figure } | { kind: 'chart'; chart: Chart };

export interface Recommendations {
  sectionId: string | undefined;
  /** Each numbered item's content. */
  items: Root[];
}

export interface Figure {
  statId: string;
  value: string;
  label: string;
  asOf: string | undefined;
  sourceNumber: number;
  /** The stat's `series:` drawn small beside the number: a trend, or the share it is part of. */
  spark: Chart | undefined;
}

export type { ChartType } from '../chart-request.js';

/** A chart drawn from a series; each output draws it at its own size. */
export interface Chart {
  /** Position among the brief's charts (0-based): its slot in the tree names it. */
  index: number;
  seriesId: string;
  type: ChartType;
  title: string;
  /** Text alternative generated from the data: the chart's accessible name. */
  alt: string;
  rows: ChartRow[];
  /** On a slide of its own: the categories this one shows of a chart split over several. */
  part?: ChartPart;
  /** How the series' values are written: the editable deck's number format follows it. */
  valueFormat: Omit<Formattable, 'value'>;
  sourceNumber: number;
  /** "Publisher, Title." of the series' source. */
  sourceText: string;
  line: number;
  column: number;
}

export interface ChartRow {
  category: string;
  group: string | undefined;
  value: number;
  /** The value formatted for the brief's language, as printed on the chart. */
  text: string;
}

export interface Source {
  id: string;
  number: number;
  publisher: string;
  title: string;
  url: string;
  accessed: string | undefined;
  accessedText: string | undefined;
}
