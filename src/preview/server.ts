import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { setPriority } from 'node:os';
import type { FSWatcher } from 'chokidar';
import { basename, extname, join, relative, sep } from 'node:path';
import type { DocumentSettings } from '../config/settings.js';
import { resolveOptions, type DocumentOptions } from '../model/options.js';
import { BriefkitError, error } from '../errors.js';
import { discoverBriefs } from '../load/discover.js';
import { deckSlides } from '../model/deck.js';
import { outputFiles } from '../outputs.js';
import { cliPath, templatesDir as packageTemplatesDir } from '../paths.js';
import type { Brief } from '../model/brief.js';
import { readBriefs } from '../build/read-briefs.js';
import { renderBrief } from '../render/render-brief.js';
import { renderDeck } from '../render/render-deck.js';
import { Templates } from '../render/templates.js';
import { formatMessages } from '../report.js';
import { clientScript, previewStylesheet } from './client.js';
import {
  contentTypes,
  isInside,
  packageRoots,
  resolveInside,
  rewriteFileUrls,
  type Root,
} from './files.js';

export const defaultPort = 4400;
/** How many ports above the asked one are tried when it is taken. */
const portAttempts = 20;

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

type PdfState = 'off' | 'idle' | 'queued' | 'building' | 'done' | 'failed';

export interface PdfStatus {
  state: PdfState;
  summary: string;
  details?: string | undefined;
}

interface Rendered {
  model: Brief;
  templates: Templates;
  /** The brief's options, resolved from command line, config and front matter. */
  document: DocumentOptions;
  /** Rendered HTML by `kind:row key`, made as pages are asked for. */
  pages: Map<string, string>;
  /** Row keys of a batch brief (`?row=` picks one; the first is the default). */
  rows: string[];
}

interface BriefState {
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

/**
 * `briefkit preview`: a loopback HTTP server showing each brief and its deck as HTML with the
 * print stylesheets, re-rendered when content, stats, templates, styles or the config change
 * (watched with chokidar), reloaded in the browser through server-sent events, with errors shown
 * in the page and the PDFs rebuilt in the background.
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
  private watcher: FSWatcher | undefined;
  private readonly clients = new Set<ServerResponse>();
  private readonly states = new Map<string, BriefState>();
  private readonly pdf = new Map<string, PdfStatus>();
  private document: DocumentSettings;
  private readonly templatesDir: string;
  private templates: Promise<Templates> | undefined;
  private counter = 0;
  private listVersion = 0;
  private readonly renderQueue = new Set<string>();
  private cycle: Promise<void> | undefined;
  private readonly pdfQueue = new Set<string>();
  private pdfRun: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new Set<string>();
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  /** Why the config file could not be read again, while it cannot. */
  private configProblem: string | undefined;
  /** Stops a background build when the preview closes. */
  private readonly builds = new AbortController();
  private readonly log: (line: string) => void;

  constructor(private readonly options: PreviewOptions) {
    this.document = options.document;
    this.templatesDir = options.templatesDir ?? packageTemplatesDir;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
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
    const chokidar = await import('chokidar');
    const paths = [this.options.contentDir, this.templatesDir, ...this.document.allowedRoots];
    if (this.options.configFile) paths.push(this.options.configFile);
    this.watcher = chokidar.watch(paths, {
      ignoreInitial: true,
      ignored: (path: string) => this.ignored(path),
    });
    this.watcher.on('all', (_event, path) => this.fileChanged(path));
    await new Promise<void>((resolve, reject) => {
      this.watcher?.once('ready', resolve);
      this.watcher?.once('error', reject);
    });
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) client.write(': ping\n\n');
    }, 20_000);
    this.heartbeat.unref();
  }

  async idle(): Promise<void> {
    while (this.timer || this.cycle || this.pdfRun) {
      if (this.timer) await new Promise((resolve) => setTimeout(resolve, this.debounce + 5));
      await this.cycle;
      await this.pdfRun;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.heartbeat);
    this.pdfQueue.clear();
    this.builds.abort();
    await this.watcher?.close();
    for (const client of this.clients) client.end();
    this.clients.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.cycle;
    await this.pdfRun;
  }

  private get debounce(): number {
    return this.options.debounce ?? 30;
  }

  // ---- watching ---------------------------------------------------------------------------

  private ignored(path: string): boolean {
    const name = basename(path);
    return (
      (name.startsWith('.') && path !== this.options.contentDir) ||
      name.endsWith('~') ||
      /\.(swp|swx|tmp)$/.test(name) ||
      name === 'node_modules' ||
      isInside(this.options.outputDir, path)
    );
  }

  private fileChanged(path: string): void {
    if (this.closed) return;
    this.changed.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const paths = [...this.changed];
      this.changed.clear();
      this.applyChanges(paths).catch((cause: unknown) => this.log(describeError(cause)));
    }, this.debounce);
  }

  private async applyChanges(paths: readonly string[]): Promise<void> {
    const ids = new Set<string>();
    let everything = false;
    for (const path of paths) {
      if (this.options.configFile && path === this.options.configFile) {
        everything = true;
        await this.reloadSettings();
      } else if (isInside(this.templatesDir, path)) {
        everything = true;
        this.templates = undefined;
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
    for (const id of ids) {
      const state = this.states.get(id);
      // Briefs not opened yet are rendered when first asked for; their PDFs are still rebuilt.
      if (state) {
        state.fresh = false;
        state.pdfStale = this.options.pdf !== false;
        this.renderQueue.add(id);
      } else if (this.options.pdf !== false) {
        this.queuePdf(id);
      }
    }
    this.kick();
  }

  /** A config that no longer loads is shown on every page until it is fixed. */
  private async reloadSettings(): Promise<void> {
    if (!this.options.reloadSettings) return;
    try {
      this.document = await this.options.reloadSettings();
      this.configProblem = undefined;
      this.watcher?.add([...this.document.allowedRoots]);
      this.log('config reloaded');
    } catch (cause) {
      this.configProblem = describeError(cause);
      this.log(`config not reloaded:\n${this.configProblem}`);
    }
  }

  private listChanged(): void {
    this.listVersion++;
    this.broadcast('change', { id: '#list', version: this.listVersion });
  }

  private wanted(id: string): boolean {
    const ids = this.options.ids ?? [];
    return ids.length === 0 || ids.includes(id);
  }

  private async briefIds(): Promise<string[]> {
    return (await discoverBriefs(this.options.contentDir)).filter((id) => this.wanted(id));
  }

  // ---- rendering --------------------------------------------------------------------------

  private kick(): void {
    if (this.cycle || this.renderQueue.size === 0) return;
    this.cycle = this.renderAll().finally(() => {
      this.cycle = undefined;
      this.kick();
    });
  }

  private async renderAll(): Promise<void> {
    while (this.renderQueue.size > 0 && !this.closed) {
      const ids = [...this.renderQueue];
      this.renderQueue.clear();
      await Promise.all(ids.map((id) => this.render(id)));
    }
  }

  /** The brief's state, rendered from the files as they are now. */
  private async ensure(id: string): Promise<BriefState> {
    for (;;) {
      const state = this.states.get(id);
      if (state?.fresh && !this.renderQueue.has(id)) {
        // A render may be under way; wait for it so the page is the newest.
        if (this.cycle) await this.cycle;
        return state;
      }
      this.renderQueue.add(id);
      this.kick();
      await this.cycle;
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
    try {
      if (this.configProblem) throw new Error(this.configProblem);
      const read = await readBriefs({
        contentDir,
        ids: [id],
        cwd,
        limits: this.document.limits,
      });
      const brief = read.briefs[0];
      if (!read.ok || !brief) {
        state.problems = formatMessages(read.files);
      } else {
        const batch = brief.batch;
        const rendered: Rendered = {
          model: brief,
          templates: await this.loadTemplates(),
          document: resolveOptions(brief.meta, this.document),
          pages: new Map(),
          rows: batch ? batch.rows.map((row) => row[batch.key] ?? '') : [],
        };
        // Both pages now, so template errors show at once rather than on the next request.
        await Promise.all([pageHtml(rendered, 'brief', ''), pageHtml(rendered, 'deck', '')]);
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
    if (state.problems) this.log(`${id}: not rendered (${ms} ms)\n${state.problems}`);
    else this.log(`${id}: rendered in ${ms} ms`);
    this.broadcast('change', { id, version: state.version });
    if (!state.problems && state.pdfStale) {
      state.pdfStale = false;
      this.queuePdf(id);
    }
  }

  private loadTemplates(): Promise<Templates> {
    this.templates ??= Templates.load(this.templatesDir);
    return this.templates;
  }

  // ---- PDFs in the background -------------------------------------------------------------

  private queuePdf(id: string): void {
    if (this.closed) return;
    this.pdfQueue.add(id);
    this.setPdf(id, { state: 'queued', summary: 'PDFs: queued' });
    if (this.pdfRun) return;
    this.pdfRun = this.buildPdfs().finally(() => {
      this.pdfRun = undefined;
    });
  }

  private setPdf(id: string, status: PdfStatus): void {
    this.pdf.set(id, status);
    this.broadcast('pdf', { id, pdf: status });
  }

  /**
   * Builds run as `briefkit build <ids>` in a child process: printing and pdf-lib work never
   * stall the server, a crashed browser cannot take the preview down, and the build reads the
   * config and flags exactly as a build from the command line would.
   */
  private async buildPdfs(): Promise<void> {
    while (this.pdfQueue.size > 0 && !this.closed) {
      const ids = [...this.pdfQueue];
      this.pdfQueue.clear();
      for (const id of ids) this.setPdf(id, { state: 'building', summary: 'PDFs: building…' });
      const started = performance.now();
      const args = [
        cliPath,
        'build',
        ...ids,
        '--content',
        this.options.contentDir,
        '--out',
        this.options.outputDir,
        ...(this.options.buildArgs ?? []),
      ];
      const result = await runChild(args, this.options.cwd, this.builds);
      if (this.closed) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const output = result.output.trim();
      for (const id of ids) {
        if (result.code === 0) {
          this.setPdf(id, {
            state: 'done',
            summary: `PDFs: up to date (${seconds} s)`,
            details: output,
          });
        } else {
          this.setPdf(id, { state: 'failed', summary: 'PDFs: build failed', details: output });
        }
      }
      if (result.code === 0) this.log(`${ids.join(', ')}: PDFs rebuilt in ${seconds} s`);
      else this.log(`${ids.join(', ')}: PDF build failed\n${output}`);
    }
  }

  // ---- HTTP -------------------------------------------------------------------------------

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

    if (url.pathname === '/') return this.sendPage(response, await this.indexPage());
    if (first === '_preview') {
      if (second === 'events' && rest.length === 0) return this.events(request, response);
      if (second === 'client.js' && rest.length === 0)
        return send(response, 200, 'text/javascript; charset=utf-8', clientScript, noStore);
      if (second === 'preview.css' && rest.length === 0)
        return send(response, 200, 'text/css; charset=utf-8', previewStylesheet, noStore);
      return this.notFound(response);
    }
    if (first === '_files' && second !== undefined)
      return this.sendFile(request, response, second, rest);

    const id = safeSegment(first);
    if (!id || !(await this.briefIds()).includes(id)) return this.notFound(response);
    if (second === undefined || (second === '' && rest.length === 0)) {
      response.writeHead(302, { Location: `/${encodeURIComponent(id)}/brief` }).end();
      return;
    }
    // A batch row's outputs: /<id>/<row>/deck.pdf
    const rowOutput = rest.length === 1 ? outputType(rest[0] ?? '') : undefined;
    const row = safeSegment(second);
    if (rowOutput && row) {
      const file = join(this.options.outputDir, id, row, rest[0] ?? '');
      return this.streamFile(request, response, file, rowOutput);
    }
    if (rest.length > 0) return this.notFound(response);
    if (second === 'brief' || second === 'deck') {
      const state = await this.ensure(id);
      const row = url.searchParams.get('row') ?? '';
      if (row && !state.rendered?.rows.includes(row)) return this.notFound(response);
      return this.sendPage(response, await this.documentPage(id, second, state, row));
    }
    const output = outputType(second);
    if (output) {
      const file = join(this.options.outputDir, id, second);
      return this.streamFile(request, response, file, output);
    }
    return this.notFound(response);
  }

  /** Folders whose files the pages may load, by the key they are served under. */
  private roots(): Root[] {
    return [
      ...packageRoots(),
      ...this.document.allowedRoots.map((dir, index) => ({ key: `brand-${index}`, dir })),
    ];
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
      if (id && (await this.briefIds()).includes(id)) root = join(this.options.contentDir, id);
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
    if (!file) return this.notFound(response);
    const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return this.streamFile(request, response, file, type);
  }

  private async streamFile(
    request: IncomingMessage,
    response: ServerResponse,
    file: string,
    type: string,
  ): Promise<void> {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return this.notFound(response);
    const etag = `W/"${info.size.toString(16)}-${Math.round(info.mtimeMs).toString(16)}"`;
    const headers: OutgoingHttpHeaders = {
      'Content-Type': type,
      'Content-Length': info.size,
      'Cache-Control': 'no-cache',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      // An SVG opened on its own runs no script and loads nothing.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
      return;
    }
    response.writeHead(200, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    await new Promise<void>((resolve, reject) => {
      createReadStream(file).on('error', reject).on('end', resolve).pipe(response);
    });
  }

  private events(request: IncomingMessage, response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write('retry: 1000\n\n');
    response.write(
      event('hello', { versions: this.versions(), pdf: Object.fromEntries(this.pdf) }),
    );
    this.clients.add(response);
    request.on('close', () => this.clients.delete(response));
  }

  private broadcast(name: string, data: unknown): void {
    const message = event(name, data);
    for (const client of this.clients) client.write(message);
  }

  private versions(): Record<string, number> {
    const versions: Record<string, number> = { '#list': this.listVersion };
    for (const [id, state] of this.states) versions[id] = state.version;
    return versions;
  }

  private sendPage(response: ServerResponse, html: string): void {
    send(response, 200, 'text/html; charset=utf-8', html, {
      ...noStore,
      'Content-Security-Policy': [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
      'Referrer-Policy': 'no-referrer',
    });
  }

  private notFound(response: ServerResponse): void {
    send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  }

  /** The PDFs in the output folder for a brief: `brief.pdf`, or `<row>/brief.pdf` for a batch. */
  private async builtPdfs(id: string): Promise<string[]> {
    const dir = join(this.options.outputDir, id);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const found: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isFile() && pdfNames.includes(entry.name)) found.push(entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) {
        const inner = await readdir(join(dir, entry.name)).catch(() => [] as string[]);
        for (const name of pdfNames) if (inner.includes(name)) found.push(`${entry.name}/${name}`);
      }
    }
    return found;
  }

  /** A brief or deck page: the rendered HTML with the preview's stylesheet, script and errors. */
  private async documentPage(
    id: string,
    kind: 'brief' | 'deck',
    state: BriefState,
    row: string,
  ): Promise<string> {
    const rows = state.rendered?.rows ?? [];
    const script = `<script src="/_preview/client.js" data-brief="${escapeHtml(id)}" data-version="${state.version}"${rows.length > 0 ? ` data-rows="${escapeHtml(JSON.stringify(rows))}"` : ''} defer></script>`;
    const panel = state.problems
      ? errorPanel(id, state.problems, state.rendered !== undefined)
      : '';
    if (!state.rendered) {
      return shell(`${id}: errors`, `${panel}`, script);
    }
    const rendered = state.rendered;
    let html = rewriteFileUrls(await pageHtml(rendered, kind, row), this.roots());
    const head: string[] = ['<link rel="stylesheet" href="/_preview/preview.css">'];
    // Config styles, unless the templates already link them from `document`.
    for (const sheet of this.document.stylesheets)
      if (!html.includes(sheet)) head.push(`<link rel="stylesheet" href="${sheet}">`);
    if (this.document.css && !html.includes(this.document.css))
      head.push(`<style>\n${this.document.css}\n</style>`);
    if (kind === 'brief')
      head.push(`<style>body.bk-brief { width: ${rendered.document.page.cssWidth}; }</style>`);
    head.push(script);
    html = rewriteFileUrls(inject(html, '</head>', head.join('\n')), this.roots());
    const notes = panel || (state.warnings ? warningPanel(state.warnings) : '');
    if (notes) html = html.replace(/<body[^>]*>/, (body) => `${body}\n${notes}`);
    return html;
  }

  private async indexPage(): Promise<string> {
    const ids = await this.briefIds();
    const pdfLists = await Promise.all(ids.map((id) => this.builtPdfs(id)));
    const rows = ids.map((id, index) => {
      const state = this.states.get(id);
      const title = state?.rendered?.model.meta.title ?? '';
      const built = pdfLists[index] ?? [];
      const shown = built
        .slice(0, 12)
        .map(
          (path) =>
            `<a href="/${encodeURIComponent(id)}/${path.split('/').map(encodeURIComponent).join('/')}">${escapeHtml(path)}</a>`,
        );
      if (built.length > shown.length) shown.push(`and ${built.length - shown.length} more`);
      const pdfs = shown.length > 0 ? shown.join(' ') : 'not built yet';
      const problems = state?.problems ? ' <span class="bk-preview-failed">has errors</span>' : '';
      const status = this.pdf.get(id)?.summary ?? '';
      return `<tr><td><a href="/${encodeURIComponent(id)}/brief">${escapeHtml(id)}</a>${problems}</td><td>${escapeHtml(title)}</td><td><a href="/${encodeURIComponent(id)}/brief">brief</a> · <a href="/${encodeURIComponent(id)}/deck">deck</a></td><td>${pdfs}<br><small>${escapeHtml(status)}</small></td></tr>`;
    });
    const body =
      ids.length === 0
        ? `<p>No briefs in ${escapeHtml(this.options.contentDir)}. Create one with <code>briefkit new &lt;id&gt;</code>; it appears here when saved.</p>`
        : `<table><thead><tr><th>Brief</th><th>Title</th><th>Preview</th><th>PDFs (last build)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
    const script = `<script src="/_preview/client.js" data-versions="${escapeHtml(JSON.stringify(this.versions()))}" defer></script>`;
    return shell('briefkit preview', `<h1>briefkit preview</h1>${body}`, script);
  }
}

const noStore = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
const pdfNames = Object.values(outputFiles);

/** The media type of one of a build's files, by its name; undefined for any other name. */
function outputType(name: string): string | undefined {
  if (!pdfNames.includes(name)) return undefined;
  return contentTypes[extname(name)];
}

function send(
  response: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

/**
 * A page of a rendered brief, for one row of a batch brief (its values filled in as the build
 * fills them), or the first row when none is named. Made once per render, then kept.
 */
async function pageHtml(
  rendered: Rendered,
  kind: 'brief' | 'deck',
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
  // The templates see `document` (brand and stamp) beside the batch values, as in a build.
  const extras = {
    row,
    preparedFor: row && batch?.label ? row[batch.label] : undefined,
    document: rendered.document,
  };
  const html =
    kind === 'brief'
      ? await renderBrief(brief, rendered.templates, extras)
      : await renderDeck(brief, deckSlides(brief), rendered.templates, extras);
  rendered.pages.set(key, html);
  return html;
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

function inject(html: string, before: string, text: string): string {
  const index = html.indexOf(before);
  return index < 0 ? `${text}\n${html}` : `${html.slice(0, index)}${text}\n${html.slice(index)}`;
}

function shell(title: string, body: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/_preview/preview.css">
${script}
</head>
<body class="bk-preview-page">
${body}
</body>
</html>
`;
}

function errorPanel(id: string, problems: string, stale: boolean): string {
  const note = stale ? '<p>The page below is the last version that rendered.</p>' : '';
  return `<section id="bk-preview-errors" role="alert"><h2>${escapeHtml(id)} has errors</h2><p>Fix them and save: this page reloads by itself.</p>${note}<pre>${escapeHtml(problems)}</pre></section>`;
}

/** Warnings do not stop a build; they sit folded at the top of the page. */
function warningPanel(warnings: string): string {
  const count = /(\d+) warnings?$/.exec(warnings)?.[0] ?? 'warnings';
  return `<details id="bk-preview-warnings"><summary>${escapeHtml(count)}</summary><pre>${escapeHtml(warnings)}</pre></details>`;
}

function describeError(cause: unknown): string {
  if (cause instanceof BriefkitError)
    return [formatMessages(cause.files), cause.message].filter(Boolean).join('\n');
  return cause instanceof Error ? cause.message : String(cause);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A brief id from a URL segment, or undefined when it cannot be one. */
function safeSegment(segment: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  return id && !id.startsWith('.') && !/[\\/\0]/.test(id) ? id : undefined;
}

/** Listens on the loopback address: the port asked for, else (unless strict) the next free one. */
async function listen(
  server: Server,
  port: number,
  strict: boolean,
  log: (line: string) => void,
): Promise<number> {
  const last = port === 0 ? 0 : Math.min(port + portAttempts, 65535);
  for (let candidate = port; candidate <= last; candidate++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === 'EACCES')
        error(
          'USAGE',
          `Port ${candidate} needs privileges on this system: use --port 1024 or above`,
        );
      if (code !== 'EADDRINUSE') throw cause;
      if (strict)
        error(
          'USAGE',
          `Port ${candidate} on 127.0.0.1 is in use (another preview?): stop that program, or choose another port with --port`,
        );
      if (candidate < last) log(`Port ${candidate} is in use; trying ${candidate + 1}`);
    }
  }
  return error(
    'USAGE',
    `Ports ${port}–${last} on 127.0.0.1 are all in use: choose another with --port`,
  );
}

/** Runs `node <args>` and collects what it prints; never rejects. */
function runChild(
  args: readonly string[],
  cwd: string,
  controller: AbortController,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: controller.signal,
    });
    // Background work: the build (and the browser it starts) yields the CPU to the preview.
    try {
      if (child.pid !== undefined) setPriority(child.pid, 10);
    } catch {
      // Not permitted here: it runs at normal priority.
    }
    let output = '';
    const collect = (chunk: Buffer) => {
      // Keep the end: that is where the summary and the failures are.
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (cause) => {
      if (cause.name !== 'AbortError') output += `\n${cause.message}`;
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
