import type { DocumentSettings } from '../config/settings.js';
import { BriefkitError } from '../errors.js';
import type { Brief } from '../model/brief.js';
import { deckSlides } from '../model/deck.js';
import type { DocumentOptions } from '../model/options.js';
import { renderBrief } from '../render/render-brief.js';
import { renderDeck } from '../render/render-deck.js';
import { readBriefs } from '../build/read-briefs.js';
import { resolveOptions } from '../model/options.js';
import { documentExtras, Templates } from '../render/templates.js';
import { formatMessages } from '../report.js';

/** A brief's last good render: what its pages are made from. */
export interface Rendered {
  model: Brief;
  templates: Templates;
  /** The brief's options, resolved from command line, config and front matter. */
  document: DocumentOptions;
  /** Rendered HTML by `kind:row key`, made as pages are asked for. */
  pages: Map<string, string>;
  /** Row keys of a batch brief (`?row=` picks one; the first is the default). */
  rows: string[];
}

export type PageKind = 'brief' | 'deck';

export interface BriefState {
  /** Bumped after every render: pages compare theirs with it. */
  version: number;
  /** The last render that succeeded (shown under the errors of a later, failed one). */
  rendered: Rendered | undefined;
  /** Formatted errors of the last render; undefined when it succeeded. */
  problems: string | undefined;
  warnings: string | undefined;
  /** False once a file of the brief changed and until the next render starts. */
  fresh: boolean;
  /** Files changed since the PDFs were last queued: rebuild them after the next good render. */
  pdfStale: boolean;
}

export interface BriefStatesOptions {
  cwd: string;
  contentDir: string;
  templatesDir: string;
  /** The settings as they are now (the config may be reloaded). */
  settings: () => DocumentSettings;
  /** Why the config cannot be read, while it cannot: every render shows it. */
  configProblem: () => string | undefined;
  log: (line: string) => void;
  /** After each render, good or not. */
  rendered: (id: string, state: BriefState) => void;
}

/**
 * What the preview knows of each brief: its last good render (model, options, pages), its
 * errors and warnings, and a version the open pages reload on. Renders one brief at a time per
 * id, queued, through the build's own load → parse → model and render.
 */
export class BriefStates {
  private readonly states = new Map<string, BriefState>();
  private readonly queue = new Set<string>();
  private cycle: Promise<void> | undefined;
  private templates: Promise<Templates> | undefined;
  private counter = 0;
  private closed = false;

  constructor(private readonly options: BriefStatesOptions) {}

  get(id: string): BriefState | undefined {
    return this.states.get(id);
  }

  /** Each opened brief's version. */
  versions(): [string, number][] {
    return [...this.states].map(([id, state]) => [id, state.version]);
  }

  /** Resolves when no render runs or waits. */
  get running(): Promise<void> | undefined {
    return this.cycle;
  }

  /** The templates changed: compile them again at the next render. */
  dropTemplates(): void {
    this.templates = undefined;
  }

  /**
   * A file of the brief changed: render it again, and rebuild its PDFs after that render when
   * `pdf`. False when the brief has not been opened yet (it renders when first asked for).
   */
  changed(id: string, pdf: boolean): boolean {
    const state = this.states.get(id);
    if (!state) return false;
    state.fresh = false;
    state.pdfStale = pdf;
    this.queue.add(id);
    this.kick();
    return true;
  }

  /** The brief's state, rendered from the files as they are now. */
  async ensure(id: string): Promise<BriefState> {
    for (;;) {
      const state = this.states.get(id);
      if (state?.fresh && !this.queue.has(id)) {
        // A render may be under way; wait for it so the page is the newest.
        if (this.cycle) await this.cycle;
        return state;
      }
      this.queue.add(id);
      this.kick();
      await this.cycle;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.cycle;
  }

  private kick(): void {
    if (this.cycle || this.queue.size === 0) return;
    this.cycle = this.renderAll().finally(() => {
      this.cycle = undefined;
      this.kick();
    });
  }

  private async renderAll(): Promise<void> {
    while (this.queue.size > 0 && !this.closed) {
      const ids = [...this.queue];
      this.queue.clear();
      await Promise.all(ids.map((id) => this.render(id)));
    }
  }

  private async render(id: string): Promise<void> {
    const started = performance.now();
    const state = this.states.get(id) ?? {
      version: 0,
      rendered: undefined,
      problems: undefined,
      warnings: undefined,
      fresh: true,
      pdfStale: false,
    };
    this.states.set(id, state);
    state.fresh = true;
    const { contentDir, cwd } = this.options;
    const settings = this.options.settings();
    try {
      const configProblem = this.options.configProblem();
      if (configProblem) throw new Error(configProblem);
      const read = await readBriefs({ contentDir, ids: [id], cwd, limits: settings.limits });
      const brief = read.briefs[0];
      if (!read.ok || !brief) {
        state.problems = formatMessages(read.files);
      } else {
        const batch = brief.batch;
        const rendered: Rendered = {
          model: brief,
          templates: await this.loadTemplates(),
          document: resolveOptions(brief.meta, settings),
          pages: new Map(),
          rows: batch ? batch.rows.map((row) => row[batch.key] ?? '') : [],
        };
        // Both pages now, so template errors show at once rather than on the next request.
        await Promise.all([renderPage(rendered, 'brief', ''), renderPage(rendered, 'deck', '')]);
        state.rendered = rendered;
        state.problems = undefined;
        state.warnings = formatMessages(read.files) || undefined;
      }
    } catch (cause) {
      this.templates = undefined;
      state.problems = describeError(cause);
    }
    state.version = ++this.counter;
    const ms = Math.round(performance.now() - started);
    if (state.problems) this.options.log(`${id}: not rendered (${ms} ms)\n${state.problems}`);
    else this.options.log(`${id}: rendered in ${ms} ms`);
    this.options.rendered(id, state);
  }

  private loadTemplates(): Promise<Templates> {
    this.templates ??= Templates.load(this.options.templatesDir);
    return this.templates;
  }
}

/**
 * A page of a rendered brief exactly as the build renders it for printing (the same renderer,
 * options and batch row values), for one row of a batch brief, or the first row when none is
 * named. Made once per render, then kept.
 */
export async function renderPage(
  rendered: Rendered,
  kind: PageKind,
  rowKey: string,
): Promise<string> {
  const key = `${kind}:${rowKey || rendered.rows[0] || ''}`;
  const cached = rendered.pages.get(key);
  if (cached !== undefined) return cached;
  const brief = rendered.model;
  const batch = brief.batch;
  const row = batch
    ? (batch.rows.find((candidate) => candidate[batch.key] === (rowKey || rendered.rows[0])) ??
      batch.rows[0])
    : undefined;
  const extras = documentExtras(brief, rendered.document, row);
  const html =
    kind === 'brief'
      ? await renderBrief(brief, rendered.templates, extras)
      : await renderDeck(brief, deckSlides(brief, row), rendered.templates, extras);
  rendered.pages.set(key, html);
  return html;
}

export function describeError(cause: unknown): string {
  if (cause instanceof BriefkitError)
    return [formatMessages(cause.files), cause.message].filter(Boolean).join('\n');
  return cause instanceof Error ? cause.message : String(cause);
}
