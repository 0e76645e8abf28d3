import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import type { DocumentSettings } from '../config/settings.js';
import { discoverBriefs } from '../load/discover.js';
import { mediaTypes } from '../media-types.js';
import { templatesDir as packageTemplatesDir } from '../paths.js';
import { BriefStates, describeError, type BriefState } from './brief-states.js';
import { clientScript, previewStylesheet } from './client.js';
import { isInside, packageRoots, resolveInside, type Root } from './files.js';
import {
  EventStream,
  listen,
  noStore,
  notFound,
  safeSegment,
  send,
  sendPage,
  streamFile,
} from './http.js';
import { builtPdfs, documentPage, indexPage, outputType } from './pages.js';
import { PdfBuilds, type PdfStatus } from './pdf-builds.js';
import { watchFiles, type FileWatch } from './watch-files.js';

export type { PdfStatus } from './pdf-builds.js';

export const defaultPort = 4400;

export interface PreviewOptions {
  /** Where briefkit runs: messages name files relative to it. */
  cwd: string;
  contentDir: string;
  outputDir: string;
  /** Only these briefs (all of the content folder when empty). */
  ids?: readonly string[] | undefined;
  /** Default 4400; 0 picks any free port. */
  port?: number | undefined;
  /** Fail when the port is taken instead of trying the next ones. */
  strictPort?: boolean | undefined;
  /** Rebuild PDFs in the background after each change (default true). */
  pdf?: boolean | undefined;
  document: DocumentSettings;
  /** The config file, watched: after it changes `reloadSettings` gives the new settings. */
  configFile?: string | undefined;
  reloadSettings?: (() => Promise<DocumentSettings>) | undefined;
  /** Handlebars templates (default briefkit's own). */
  templatesDir?: string | undefined;
  /** More flags for the background builds (`--config`, `--paper`, `--allow-overflow`). */
  buildArgs?: readonly string[] | undefined;
  /** Quiet time after a file event before rendering, in ms (editors write in bursts). */
  debounce?: number | undefined;
  log?: ((line: string) => void) | undefined;
}

export interface Preview {
  url: string;
  port: number;
  /** Resolves when no render or PDF build is running or waiting. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `briefkit preview`: a loopback HTTP server showing each brief and its deck as HTML with the
 * print stylesheets, re-rendered when content, stats, templates, styles or the config change,
 * reloaded in the browser through server-sent events, with errors shown in the page and the PDFs
 * rebuilt in the background. This module ties the parts together and routes requests:
 * watch-files.ts (watching), brief-states.ts (each brief's render and version), pdf-builds.ts
 * (background builds), http.ts (serving), pages.ts (the pages, rendered as the build renders).
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const preview = new PreviewServer(options);
  await preview.start();
  return preview;
}

class PreviewServer implements Preview {
  url = '';
  port = 0;
  private readonly server: Server;
  private watch: FileWatch | undefined;
  private events: EventStream | undefined;
  private readonly briefs: BriefStates;
  private readonly pdfs: PdfBuilds;
  private document: DocumentSettings;
  private readonly templatesDir: string;
  private listVersion = 0;
  private closed = false;
  /** Why the config file could not be read again, while it cannot. */
  private configProblem: string | undefined;
  private readonly log: (line: string) => void;

  constructor(private readonly options: PreviewOptions) {
    this.document = options.document;
    this.templatesDir = options.templatesDir ?? packageTemplatesDir;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.briefs = new BriefStates({
      cwd: options.cwd,
      contentDir: options.contentDir,
      templatesDir: this.templatesDir,
      settings: () => this.document,
      configProblem: () => this.configProblem,
      log: this.log,
      rendered: (id, state) => this.rendered(id, state),
    });
    this.pdfs = new PdfBuilds({
      cwd: options.cwd,
      contentDir: options.contentDir,
      outputDir: options.outputDir,
      buildArgs: options.buildArgs,
      log: this.log,
      status: (id, pdf) => this.events?.broadcast('pdf', { id, pdf }),
    });
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((cause: unknown) => {
        const reason = cause instanceof Error ? cause.message : String(cause);
        if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', reason);
        else response.end();
      });
    });
  }

  async start(): Promise<void> {
    this.port = await listen(
      this.server,
      this.options.port ?? defaultPort,
      this.options.strictPort ?? false,
      this.log,
    );
    this.url = `http://127.0.0.1:${this.port}/`;
    const paths = [this.options.contentDir, this.templatesDir, ...this.document.allowedRoots];
    if (this.options.configFile) paths.push(this.options.configFile);
    this.watch = await watchFiles(paths, {
      contentDir: this.options.contentDir,
      outputDir: this.options.outputDir,
      debounce: this.debounce,
      changed: (burst) => {
        if (this.closed) return;
        this.applyChanges(burst).catch((cause: unknown) => this.log(describeError(cause)));
      },
    });
    this.events = new EventStream();
  }

  async idle(): Promise<void> {
    while (this.watch?.pending() || this.briefs.running || this.pdfs.running) {
      if (this.watch?.pending())
        await new Promise((resolve) => setTimeout(resolve, this.debounce + 5));
      await this.briefs.running;
      await this.pdfs.running;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const builds = this.pdfs.close();
    await this.watch?.close();
    this.events?.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.briefs.close();
    await builds;
  }

  private get debounce(): number {
    return this.options.debounce ?? 30;
  }

  // ---- what a change means ----------------------------------------------------------------

  private async applyChanges(paths: readonly string[]): Promise<void> {
    const ids = new Set<string>();
    let everything = false;
    for (const path of paths) {
      if (this.options.configFile && path === this.options.configFile) {
        everything = true;
        await this.reloadSettings();
      } else if (isInside(this.templatesDir, path)) {
        everything = true;
        this.briefs.dropTemplates();
      } else if (this.document.allowedRoots.some((root) => isInside(root, path))) {
        everything = true;
      } else if (isInside(this.options.contentDir, path)) {
        const [id, ...rest] = relative(this.options.contentDir, path).split(sep);
        if (!id || !this.wanted(id)) continue;
        ids.add(id);
        if (rest.length === 0 || (rest.length === 1 && rest[0] === 'brief.md')) this.listChanged();
      }
    }
    if (everything) for (const id of await this.briefIds()) ids.add(id);
    const pdf = this.options.pdf !== false;
    for (const id of ids) {
      // Briefs not opened yet are rendered when first asked for; their PDFs are still rebuilt.
      if (!this.briefs.changed(id, pdf) && pdf) this.pdfs.add(id);
    }
  }

  /** After a render: open pages reload, and the PDFs follow a good one. */
  private rendered(id: string, state: BriefState): void {
    this.events?.broadcast('change', { id, version: state.version });
    if (!state.problems && state.pdfStale) {
      state.pdfStale = false;
      this.pdfs.add(id);
    }
  }

  /** A config that no longer loads is shown on every page until it is fixed. */
  private async reloadSettings(): Promise<void> {
    if (!this.options.reloadSettings) return;
    try {
      this.document = await this.options.reloadSettings();
      this.configProblem = undefined;
      this.watch?.add(this.document.allowedRoots);
      this.log('config reloaded');
    } catch (cause) {
      this.configProblem = describeError(cause);
      this.log(`config not reloaded:\n${this.configProblem}`);
    }
  }

  private listChanged(): void {
    this.listVersion++;
    this.events?.broadcast('change', { id: '#list', version: this.listVersion });
  }

  private wanted(id: string): boolean {
    const ids = this.options.ids ?? [];
    return ids.length === 0 || ids.includes(id);
  }

  private async briefIds(): Promise<string[]> {
    return (await discoverBriefs(this.options.contentDir)).filter((id) => this.wanted(id));
  }

  private versions(): Record<string, number> {
    return { '#list': this.listVersion, ...Object.fromEntries(this.briefs.versions()) };
  }

  // ---- routes -----------------------------------------------------------------------------

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another site must not reach the preview through its own name.
    const host = request.headers.host ?? '';
    if (![`127.0.0.1:${this.port}`, `localhost:${this.port}`].includes(host)) {
      send(response, 403, 'text/plain; charset=utf-8', `Forbidden host: ${host}`);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', {
        Allow: 'GET, HEAD',
      });
      return;
    }
    const url = new URL(request.url ?? '/', this.url);
    const parts = url.pathname.split('/').slice(1);
    const [first = '', second, ...rest] = parts;

    if (url.pathname === '/') return sendPage(response, await this.indexPage());
    if (first === '_preview') {
      if (second === 'events' && rest.length === 0) {
        const hello = { versions: this.versions(), pdf: this.pdfs.all() };
        return this.events?.open(request, response, hello);
      }
      if (second === 'client.js' && rest.length === 0)
        return send(response, 200, 'text/javascript; charset=utf-8', clientScript, noStore);
      if (second === 'preview.css' && rest.length === 0)
        return send(response, 200, 'text/css; charset=utf-8', previewStylesheet, noStore);
      return notFound(response);
    }
    if (first === '_files' && second !== undefined)
      return this.sendFile(request, response, second, rest);

    const id = safeSegment(first);
    if (!id || !(await this.briefIds()).includes(id)) return notFound(response);
    if (second === undefined || (second === '' && rest.length === 0)) {
      response.writeHead(302, { Location: `/${encodeURIComponent(id)}/brief` }).end();
      return;
    }
    // A batch row's outputs: /<id>/<row>/deck.pdf
    const rowOutput = rest.length === 1 ? outputType(rest[0] ?? '') : undefined;
    const row = safeSegment(second);
    if (rowOutput && row) {
      const file = join(this.options.outputDir, id, row, rest[0] ?? '');
      return streamFile(request, response, file, rowOutput);
    }
    if (rest.length > 0) return notFound(response);
    if (second === 'brief' || second === 'deck') {
      const state = await this.briefs.ensure(id);
      const row = url.searchParams.get('row') ?? '';
      if (row && !state.rendered?.rows.includes(row)) return notFound(response);
      const roots = [...this.roots(), this.briefRoot(id)];
      const page = await documentPage(id, second, state, row, this.document, roots);
      return sendPage(response, page);
    }
    const output = outputType(second);
    if (output) {
      const file = join(this.options.outputDir, id, second);
      return streamFile(request, response, file, output);
    }
    return notFound(response);
  }

  /** Folders whose files the pages may load, by the key they are served under. */
  private roots(): Root[] {
    return [
      ...packageRoots(),
      ...this.document.allowedRoots.map((dir, index) => ({ key: `brand-${index}`, dir })),
    ];
  }

  /** A brief's own folder (its images), served under `/_files/brief/<id>/`. */
  private briefRoot(id: string): Root {
    return { key: `brief/${id}`, dir: join(this.options.contentDir, id) };
  }

  private async sendFile(
    request: IncomingMessage,
    response: ServerResponse,
    key: string,
    segments: readonly string[],
  ): Promise<void> {
    let root: string | undefined;
    let inside = segments;
    if (key === 'brief') {
      const id = safeSegment(segments[0] ?? '');
      if (id && (await this.briefIds()).includes(id)) root = this.briefRoot(id).dir;
      inside = segments.slice(1);
    } else {
      // Stylesheets are linked from briefkit's templates; they are served from the templates
      // folder in use, so its styles show as they are edited.
      root =
        key === 'templates'
          ? this.templatesDir
          : this.roots().find((candidate) => candidate.key === key)?.dir;
    }
    const file = root && resolveInside(root, inside);
    if (!file) return notFound(response);
    const type = mediaTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return streamFile(request, response, file, type);
  }

  private async indexPage(): Promise<string> {
    const ids = await this.briefIds();
    const entries = await Promise.all(
      ids.map(async (id) => ({
        id,
        state: this.briefs.get(id),
        pdf: this.pdfs.get(id) as PdfStatus | undefined,
        built: await builtPdfs(this.options.outputDir, id),
      })),
    );
    return indexPage(entries, this.options.contentDir, this.versions());
  }
}
