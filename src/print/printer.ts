import { mkdtempSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest, Page, PDFOptions } from 'puppeteer-core';
import { BriefkitError, error } from '../errors.js';
import { isReadable } from '../load/resolve-inside.js';
import { debug } from '../log.js';
import { removeStale } from '../stale-files.js';
import { browserHelp, findBrowser, isHeadlessShell } from './find-browser.js';
import { killGroup, tieToProcess, watchBrowser } from './tie-browser.js';

const log = debug('print');

export interface PrinterOptions {
  /** Folders whose files pages may load (templates, fonts, a brief's assets). */
  allowedRoots: readonly string[];
  /** Print on an existing Chrome instead of launching one. */
  browserWSEndpoint?: string | undefined;
  /** Per-document limit, in milliseconds. */
  timeout?: number;
  /** Pages printing at once; default 2. */
  concurrency?: number;
}

export interface PrintJob {
  /** A name for messages, e.g. `mexico-us/brief.pdf`. */
  name: string;
  html: string;
  /** Extra folders this document may read (the brief's folder, for its images). */
  allowedRoots?: readonly string[];
  pdf?: PDFOptions;
  /** Runs after layout, before printing: measuring and fitting slides, for instance. */
  prepare?: (page: Page) => Promise<void>;
  /**
   * The window's width in CSS pixels while the page loads, e.g. the brief's text column: what
   * `prepare` measures is then laid out once, not again at another width. Printing lays pages
   * out at the paper's size whatever this is.
   */
  width?: number;
}

/** Puppeteer's default window (800 × 600), for pages that measure nothing by width. */
const defaultViewport = { width: 800, height: 600 };

/** A temporary folder that takes no files: full, over quota, read-only or not writable. */
const tempFaults = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

/** Chromium flags for a closed network and a root user in CI; see the README. */
const launchArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
  '--no-first-run',
  '--font-render-hinting=none',
  // Requests are refused one by one below; a dead proxy (loopback included) also stops the
  // connections Chromium opens ahead of requests, for preconnect and DNS prefetch.
  '--proxy-server=http://127.0.0.1:1',
  '--proxy-bypass-list=<-loopback>',
];

/**
 * Owns the one browser of a build: launched on first use, shared by all pages, disposed once.
 * Pages run with JavaScript off and every request outside the allowed folders refused.
 */
export class Printer {
  private browser: Promise<Browser> | undefined;
  /** Disposed: an attempt still running from before starts no browser again. */
  private closed = false;
  /** Pages being opened ahead of the first documents (see warmUp). */
  private warming: Promise<Tab | undefined>[] = [];
  private readonly idle: Tab[] = [];
  private workDir: Promise<string> | undefined;
  private readonly timeout: number;
  /** Browsers that would not start or stopped answering and were killed, in this build. */
  private lost = 0;
  private readonly slots: Semaphore;
  /** Settles when the current launch has handed the browser's command to Puppeteer. */
  private spawning: Promise<void> = Promise.resolve();

  /** What every page may read; the web edition inlines from the same folders. */
  get allowedRoots(): readonly string[] {
    return this.options.allowedRoots;
  }

  constructor(private readonly options: PrinterOptions) {
    this.timeout = options.timeout ?? 60_000;
    this.slots = new Semaphore(options.concurrency ?? 2);
  }

  async print(job: PrintJob): Promise<Uint8Array> {
    return this.inPage(job, async (page) => {
      await job.prepare?.(page);
      log('%s: prepared', job.name);
      return page.pdf({
        printBackground: true,
        preferCSSPageSize: true,
        tagged: true,
        outline: true,
        timeout: this.timeout,
        ...job.pdf,
      });
    });
  }

  /**
   * Loads a document as `print` does (same page set-up, same refusals) and hands its page to
   * `use` instead of printing it: pictures of what the browser draws (formulas for the .pptx).
   */
  async inPage<T>(
    job: Omit<PrintJob, 'pdf' | 'prepare'>,
    use: (page: Page) => Promise<T>,
  ): Promise<T> {
    await this.slots.acquire();
    try {
      return await this.printNow(job, use);
    } finally {
      this.slots.release();
    }
  }

  /**
   * Starts the browser now and opens `tabs` pages, so that both happen while the caller still
   * reads and renders; each document then takes the first page that is ready. Resolves once the
   * browser's process is being started: a caller that awaits it before rendering (synchronous
   * work) does not hold the launch back until the rendering is done.
   */
  warmUp(tabs = 0): Promise<void> {
    if (this.warming.length > 0 || this.browser) return Promise.resolve();
    const browser = this.getBrowser();
    // A browser launched here starts with one blank page: the first tab, without creating one.
    const blank = browser.then((launched) =>
      this.options.browserWSEndpoint ? [] : launched.pages(),
    );
    for (let index = 0; index < Math.max(1, tabs); index++) {
      this.warming.push(
        Promise.all([browser, blank])
          .then(([launched, pages]) => this.openTab(launched, pages[index]))
          .catch(() => undefined),
      );
    }
    return this.spawning;
  }

  private async printNow<T>(
    job: Omit<PrintJob, 'pdf' | 'prepare'>,
    use: (page: Page) => Promise<T>,
  ): Promise<T> {
    const dir = await this.getWorkDir();
    const htmlPath = join(dir, `${job.name.replace(/[^a-z0-9.-]+/gi, '_')}.html`);
    const head = /<head>[\s\S]*?<\/head>/.exec(job.html)?.[0];
    let tab: Tab | undefined;
    try {
      tab = await this.takeTab(head);
      tab.refused = [];
      const { page } = tab;
      const width = job.width === undefined ? defaultViewport.width : Math.round(job.width);
      if (tab.width !== width) {
        await page.setViewport({ ...defaultViewport, width });
        tab.width = width;
      }
      if (head !== undefined && tab.head === head) {
        // Same head as the page's last document (a batch's next row): swap the body in place and
        // keep the parsed styles and loaded fonts, instead of loading everything again.
        tab.roots = [
          ...this.options.allowedRoots,
          ...(job.allowedRoots ?? []),
          ...tab.roots.slice(-1),
        ];
        await page.evaluate((html) => {
          const parsed = new DOMParser().parseFromString(html, 'text/html');
          document.documentElement.replaceChild(document.adoptNode(parsed.body), document.body);
        }, job.html);
        await this.imagesLoaded(page);
      } else {
        await writeFile(htmlPath, job.html);
        tab.roots = [...this.options.allowedRoots, ...(job.allowedRoots ?? []), htmlPath];
        tab.head = undefined;
        await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: this.timeout });
        tab.head = head;
      }
      await page.evaluateHandle('document.fonts.ready');
      log('%s: loaded', job.name);
      const done = await use(page);
      log('%s: printed', job.name);
      if (tab.refused.length > 0) log('%s: refused %d requests', job.name, tab.refused.length);
      this.idle.push(tab);
      return done;
    } catch (cause) {
      // A page that failed is not trusted again.
      await tab?.page.close().catch(() => undefined);
      // The page's file could not be written: every document would meet the same full or
      // read-only temporary folder, so the build stops here (OUTPUT_FAILED), naming it.
      const code = (cause as NodeJS.ErrnoException | undefined)?.code;
      if (code !== undefined && tempFaults.has(code))
        return error(
          'OUTPUT_FAILED',
          `Could not write the page to print in the temporary folder ${dir}: ${code === 'ENOSPC' ? 'the disk is full' : 'it takes no files'} (${code}); free room there, or set TMPDIR to another folder`,
        );
      const reason = plainReason(
        cause instanceof Error ? cause.message : String(cause),
        this.timeout,
      );
      if (cause instanceof BriefkitError) throw cause;
      return error('PRINT_FAILED', `Printing ${job.name} failed: ${reason}`);
    } finally {
      await rm(htmlPath, { force: true });
    }
  }

  /** Waits for a swapped-in body's images (asked from outside: the page runs no scripts). */
  private async imagesLoaded(page: Page): Promise<void> {
    const until = Date.now() + this.timeout;
    while (
      !(await page.evaluate(() => Array.from(document.images).every((image) => image.complete)))
    ) {
      if (Date.now() > until) throw new Error('images did not load');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * A page to print in: an idle one of the current browser, or a new one set up once with
   * scripts off, print media, and every request outside the job's folders refused.
   */
  private async takeTab(head: string | undefined): Promise<Tab> {
    const browser = await this.getBrowser();
    // Prefer a page whose document has the same head: its body can be swapped in place.
    const same = this.idle.findIndex((tab) => head !== undefined && tab.head === head);
    if (same >= 0) this.idle.push(...this.idle.splice(same, 1));
    for (let tab = this.idle.pop(); tab; tab = this.idle.pop()) {
      if (tab.browser === browser && !tab.page.isClosed()) return tab;
      void tab.page.close().catch(() => undefined);
    }
    // Else the first of the pages being opened to be ready (another job may win it: try again).
    while (this.warming.length > 0) {
      const { tab, opening } = await Promise.race(
        this.warming.map((opening) => opening.then((tab) => ({ tab, opening }))),
      );
      const index = this.warming.indexOf(opening);
      if (index < 0) continue;
      this.warming.splice(index, 1);
      if (tab && tab.browser === browser && !tab.page.isClosed()) return tab;
    }
    return this.openTab(browser);
  }

  /** A new page, set up once: scripts off, print media, requests outside its folders refused. */
  private async openTab(browser: Browser, blank?: Page): Promise<Tab> {
    const page = blank ?? (await browser.newPage());
    const tab: Tab = {
      browser,
      page,
      roots: [],
      refused: [],
      head: undefined,
      width: defaultViewport.width,
    };
    page.on('request', (request: HTTPRequest) => {
      if (isAllowed(request.url(), tab.roots)) {
        void request.continue();
      } else {
        tab.refused.push(request.url());
        log('refused %s', request.url());
        void request.abort('blockedbyclient');
      }
    });
    page.setDefaultTimeout(this.timeout);
    // All before the first document: sent together rather than one round trip after another.
    await Promise.all([
      page.setJavaScriptEnabled(false),
      page.setRequestInterception(true),
      page.emulateMediaType('print'),
    ]);
    return tab;
  }

  /**
   * After a document timed out: a browser that does not answer within two seconds is frozen or
   * hung, not slow. It is killed (its whole process group) rather than waited on, so the pages
   * stuck in it fail at once and the next attempt starts a fresh browser.
   */
  /** How many browsers would not start or froze in this build (src/build/run-documents.ts). */
  get browsersLost(): number {
    return this.lost;
  }

  async checkBrowser(): Promise<boolean> {
    const current = this.browser;
    const browser = await current?.catch(() => undefined);
    if (!current || !browser) return false;
    const answered = await Promise.race([
      browser.version().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref()),
    ]);
    if (answered || this.browser !== current) return false;
    log('the browser does not answer; killing it');
    this.lost++;
    this.browser = undefined;
    this.warming = [];
    this.idle.length = 0;
    const child = browser.process();
    if (child?.pid !== undefined && child.exitCode === null)
      killGroup(child.pid, () => child.kill('SIGKILL'));
    else void browser.disconnect().catch(() => undefined);
    return true;
  }

  async dispose(): Promise<void> {
    this.closed = true;
    this.warming = [];
    this.idle.length = 0;
    const browser = this.browser;
    this.browser = undefined;
    if (browser) {
      const instance = await browser.catch(() => undefined);
      if (this.options.browserWSEndpoint) {
        await instance?.disconnect();
      } else {
        // Every PDF is already in hand: end the browser at once rather than wait for a graceful
        // shutdown (a tenth of a second per build). Its profile lives in the work folder below.
        const child = instance?.process();
        if (child?.pid !== undefined && child.exitCode === null) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          killGroup(child.pid, () => child.kill('SIGKILL'));
          await exited;
        } else {
          await instance?.close().catch(() => undefined);
        }
      }
    }
    const dir = this.workDir;
    this.workDir = undefined;
    // The browser's helper processes may still be leaving the profile: retry, and never let
    // cleaning up fail a build whose files are all written.
    if (dir)
      await rm(await dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }).catch(
        () => undefined,
      );
  }

  private getWorkDir(): Promise<string> {
    if (!this.workDir) {
      // Made at once (no wait on the disk) so the launch is not held back; see warmUp.
      const dir = mkdtempSync(join(tmpdir(), `briefkit-print-${process.pid}-`));
      // Interrupted (Ctrl-C ends through `exit`): the page files and profile still go.
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      // Those of builds that were killed outright go now, in the background.
      void removeStale(tmpdir(), /^briefkit-print-(\d+)-/);
      this.workDir = Promise.resolve(dir);
    }
    return this.workDir;
  }

  /** The shared browser; one that crashed or was closed is replaced, once, for all waiting pages. */
  private async getBrowser(): Promise<Browser> {
    if (this.closed) error('PRINT_FAILED', 'the build has ended');
    const current = this.browser;
    if (current) {
      const browser = await current.catch(() => undefined);
      if (browser?.connected) return browser;
      if (browser) log('browser lost; starting a new one');
      if (this.browser === current) this.browser = undefined;
    }
    if (!this.browser) {
      let spawned = () => {};
      this.spawning = new Promise((resolve) => (spawned = resolve));
      this.browser = this.launch(spawned);
    }
    return this.browser;
  }

  private async launch(spawned: () => void): Promise<Browser> {
    try {
      return await this.launchNow(spawned);
    } finally {
      spawned();
    }
  }

  /** Nothing here waits on a file before Puppeteer spawns the browser (see warmUp). */
  private async launchNow(spawned: () => void): Promise<Browser> {
    const puppeteer = (await import('puppeteer-core')).default;
    if (this.options.browserWSEndpoint) {
      log('connecting to %s', this.options.browserWSEndpoint);
      const endpoint = this.options.browserWSEndpoint;
      spawned();
      const connecting = puppeteer.connect({
        browserWSEndpoint: endpoint,
        protocolTimeout: this.timeout,
      });
      // A server that takes the connection and never answers the handshake would be waited on
      // for ever: the document's time limit bounds the connection too.
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${Math.round(this.timeout / 1000)} s`)),
          this.timeout,
        );
      });
      try {
        return await Promise.race([connecting, deadline]);
      } catch (cause) {
        // One that connects after all is let go at once.
        void connecting.then((late) => late.disconnect()).catch(() => undefined);
        // A refused connection rejects with an event, not an Error: name the endpoint and why.
        const reason =
          cause instanceof Error
            ? cause.message
            : ((cause as { message?: string; error?: Error }).error?.message ??
              (cause as { message?: string }).message ??
              'no answer');
        return error(
          'BROWSER_FAILED',
          `Could not connect to the browser at ${endpoint}: ${plainReason(reason, this.timeout) || 'no answer'}. Is Chrome running there with --remote-debugging-port?`,
        );
      } finally {
        clearTimeout(timer);
      }
    }
    const found = await findBrowser();
    if (!found) return error('BROWSER_NOT_FOUND', browserHelp);
    log('launching %s (%s)', found.executablePath, found.origin);
    const runsAsRoot = process.getuid?.() === 0;
    const profileDir = mkdtempSync(join(await this.getWorkDir(), 'profile-'));
    const watchdog = watchBrowser(profileDir);
    try {
      const launching = puppeteer.launch({
        executablePath: found.executablePath,
        // The headless shell starts in a fifth of the time of full Chrome and prints the same.
        headless: isHeadlessShell(found.executablePath) ? 'shell' : true,
        userDataDir: profileDir,
        // Chromium refuses its sandbox as root (CI containers); elsewhere it stays on.
        args:
          runsAsRoot || process.env.BRIEFKIT_NO_SANDBOX
            ? [...launchArgs, '--no-sandbox']
            : launchArgs,
        timeout: this.timeout,
        // A call the browser never answers (it froze) fails with the document, not after 180 s.
        protocolTimeout: this.timeout,
        // DevTools over the browser's fds 3 and 4, not a WebSocket: when briefkit dies, even by
        // SIGKILL, the pipe closes and the browser exits on its own.
        pipe: true,
        // Signals are briefkit's (src/cli.ts): they end the process, and `exit` ends the browser.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      spawned();
      const browser = await launching;
      const child = browser.process();
      if (child) tieToProcess(child, watchdog);
      else watchdog.stop();
      return browser;
    } catch (cause) {
      watchdog.stop();
      this.lost++;
      const reason = plainReason(
        cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause),
        this.timeout,
      );
      return error(
        'BROWSER_FAILED',
        `Could not start the browser at ${found.executablePath} (from ${found.origin}): ${reason}`,
      );
    }
  }
}

/**
 * Puppeteer's words for a browser that stopped answering or went away, as a user reads them:
 * its advice to raise `protocolTimeout` (which `--timeout` sets) and protocol method names go.
 */
export function plainReason(message: string, timeout: number): string {
  const seconds = Math.round(timeout / 1000);
  if (/timed out\. Increase the 'protocolTimeout'/.test(message))
    return `the browser did not answer within ${seconds} s (frozen or overloaded)`;
  if (/^Protocol error \([^)]*\): (Target closed|Session closed|Connection closed)/.test(message))
    return 'the browser closed or crashed while printing';
  return message;
}

function isAllowed(url: string, roots: readonly string[]): boolean {
  if (url.startsWith('data:')) return true;
  if (!url.startsWith('file:')) return false;
  let path: string;
  try {
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  // Symbolic links are followed before the check: a link out of an allowed folder is refused.
  return isReadable(path, roots);
}

/** A page of the browser, kept between documents; `roots` are the folders its job may read. */
interface Tab {
  browser: Browser;
  page: Page;
  roots: readonly string[];
  refused: string[];
  /** The `<head>` of the document it holds, while that document is intact. */
  head: string | undefined;
  /** Its window's width in CSS pixels. */
  width: number;
}

/** At most `limit` holders at once; the rest wait in order. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
