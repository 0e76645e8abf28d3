import type { FrontMatter } from '../load/schema.js';

/** The one typed document every output is rendered from. Outputs never re-parse Markdown. */
export interface Brief {
  id: string;
  /** The brief's folder and its Markdown file (for messages that point back at the source). */
  dir: string;
  path: string;
  meta: BriefMeta;
  /** Sanitized HTML of `:::summary`. */
  summaryHtml: string | undefined;
  /** Content before the first H2 other than the summary. */
  leadHtml: string | undefined;
  sections: Section[];
  recommendations: Recommendations | undefined;
  /** Stats marked `featured`, in stats.yaml order: the key-figures panel. */
  featured: Figure[];
  /** Cited sources, numbered in order of first use. */
  sources: Source[];
  footnotesHtml: string | undefined;
}

export interface BriefMeta extends FrontMatter {
  /** Running header/footer text: `short_title`, else the title. */
  shortTitle: string;
  /** The date as a reader sees it, in the brief's language. */
  dateText: string;
}

export interface Section {
  id: string;
  title: string;
  html: string;
  /** `:::notes`: what the presenter says. */
  notesHtml: string | undefined;
  /** Plain text of the notes, for PDF annotations. */
  notesText: string | undefined;
  /** What the section's slide shows: `:::slide`, else the section's first list or lead sentence. */
  slideHtml: string;
  /** True when `slideHtml` was derived rather than written. */
  slideDerived: boolean;
  /** `::key-figure` callouts in this section, in order: big-number slides after its slide. */
  keyFigures: Figure[];
  /** Where the section's heading is, for messages about its slide. */
  line: number;
  column: number;
}

export interface Recommendations {
  sectionId: string | undefined;
  /** Each numbered item's HTML. */
  items: string[];
}

export interface Figure {
  statId: string;
  value: string;
  label: string;
  asOf: string | undefined;
  sourceNumber: number;
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
