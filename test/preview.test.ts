/**
 * `briefkit preview`: the HTTP side (what is served and what is refused), ports, and live reload
 * seen from the real browser the project prints with: edits to content, stats, templates and
 * styles show up in the open page, a broken edit shows its errors in the page and the page
 * recovers once it is fixed, and the PDFs are rebuilt in the background.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyConfig } from '../src/config/load.js';
import { resolveSettings } from '../src/config/settings.js';
import { startPreview, type Preview, type PreviewOptions } from '../src/preview/server.js';
import { resolveOptions } from '../src/model/options.js';
import { renderBrief } from '../src/render/render-brief.js';
import { Templates } from '../src/render/templates.js';
import { readBriefs } from '../src/build/read-briefs.js';
import { templatesDir } from '../src/paths.js';
import {
  cliPath,
  copyFixture,
  fixturesDir,
  makeTempDir,
  normalizeSpace,
  pdfText,
  removeDir,
  repoRoot,
  runCli,
} from './helpers.js';
import { get, launchBrowser, readEvents, until } from './preview-helpers.js';

const defaultContent = join(repoRoot, 'content');

/** A temp copy of the default content (and of the templates), previewed without PDF builds. */
async function setUp(
  label: string,
  options: Partial<PreviewOptions> = {},
  ids: readonly string[] = ['mexico-us'],
): Promise<{ dir: string; preview: Preview; log: string[] }> {
  const dir = await makeTempDir(label);
  for (const id of ids) await copyFixture(join(defaultContent, id), join(dir, 'content', id));
  const log: string[] = [];
  const settings = resolveSettings(dir, emptyConfig, {});
  const preview = await startPreview({
    cwd: dir,
    contentDir: settings.contentDir,
    outputDir: settings.outputDir,
    port: 0,
    pdf: false,
    document: settings.document,
    log: (line) => log.push(line),
    ...options,
  });
  return { dir, preview, log };
}

describe('preview: what the server serves', () => {
  let dir: string;
  let preview: Preview;
  let brief: Awaited<ReturnType<typeof get>>;

  beforeAll(async () => {
    ({ dir, preview } = await setUp('preview-http', {}, ['mexico-us', 'delegation-packs']));
    brief = await get(`${preview.url}mexico-us/brief`);
  });

  afterAll(async () => {
    await preview?.close();
    await removeDir(dir);
  });

  it('listens on the loopback address only', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('lists the briefs on its index page', async () => {
    const index = await get(preview.url);
    expect(index.status).toBe(200);
    expect(index.body).toContain('href="/mexico-us/brief"');
    expect(index.body).toContain('href="/mexico-us/deck"');
    expect(index.body).toContain('not built yet');
  });

  it('links and serves the PDFs in the output folder, a batch brief’s by row', async () => {
    const pdf = '%PDF-1.7\n%%EOF\n';
    await mkdir(join(dir, 'output', 'delegation-packs', 'border-governors'), { recursive: true });
    await writeFile(join(dir, 'output', 'delegation-packs', 'border-governors', 'deck.pdf'), pdf);
    await mkdir(join(dir, 'output', 'mexico-us'), { recursive: true });
    await writeFile(join(dir, 'output', 'mexico-us', 'brief.pdf'), pdf);
    const index = await get(preview.url);
    expect(index.body).toContain(
      '<a href="/delegation-packs/border-governors/deck.pdf">border-governors/deck.pdf</a>',
    );
    expect(index.body).toContain('<a href="/mexico-us/brief.pdf">brief.pdf</a>');
    for (const path of ['delegation-packs/border-governors/deck.pdf', 'mexico-us/brief.pdf']) {
      const served = await get(`${preview.url}${path}`);
      expect(served.status, path).toBe(200);
      expect(served.body).toBe(pdf);
    }
    expect((await get(`${preview.url}mexico-us/deck.pdf`)).status).toBe(404);
    expect((await get(`${preview.url}mexico-us/..%2F..%2Fx/brief.pdf`)).status).toBe(404);
  });

  it('links and serves the editable deck beside the PDFs', async () => {
    const pptx = 'PK\u0003\u0004 a PowerPoint package';
    await mkdir(join(dir, 'output', 'mexico-us'), { recursive: true });
    await writeFile(join(dir, 'output', 'mexico-us', 'deck.pptx'), pptx);
    const index = await get(preview.url);
    expect(index.body).toContain('<a href="/mexico-us/deck.pptx">deck.pptx</a>');
    const served = await get(`${preview.url}mexico-us/deck.pptx`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect(served.body).toBe(pptx);
    expect((await get(`${preview.url}mexico-us/brief.pptx`)).status).toBe(404);
  });

  it('serves the brief as HTML with the print stylesheets, rewritten to served paths', async () => {
    expect(brief.status).toBe(200);
    expect(brief.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(brief.body).toContain('Mexico–United States Relations');
    expect(brief.body).toContain('<body class="bk-brief">');
    expect(brief.body).not.toContain('file:');
    const sheets = [...brief.body.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map(
      (match) => match[1] ?? '',
    );
    expect(sheets).toEqual(
      expect.arrayContaining([
        '/_files/templates/theme.css',
        '/_files/templates/brief.css',
        '/_files/source-serif-4/400.css',
        '/_preview/preview.css',
      ]),
    );
    for (const sheet of sheets) {
      const response = await get(new URL(sheet, preview.url).href);
      expect(response.status, sheet).toBe(200);
      expect(response.headers['content-type']).toBe('text/css; charset=utf-8');
    }
  });

  it('serves the fonts the stylesheets name', async () => {
    const css = await get(`${preview.url}_files/source-serif-4/400.css`);
    const font = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(css.body)?.[1];
    expect(font).toBeDefined();
    const response = await get(`${preview.url}_files/source-serif-4/${font ?? ''}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('font/woff2');
  });

  it('serves the deck as HTML, one section per slide', async () => {
    const deck = await get(`${preview.url}mexico-us/deck`);
    expect(deck.status).toBe(200);
    expect(deck.body).toContain('<body class="bk-deck">');
    expect([...deck.body.matchAll(/<section class="slide /g)].length).toBeGreaterThan(8);
    expect(deck.body).toContain('/_files/templates/deck.css');
  });

  it('adds its reload script to preview pages only: the HTML printed into PDFs has none', async () => {
    expect(brief.body).toContain('<script src="/_preview/client.js" data-brief="mexico-us"');
    expect(brief.headers['content-security-policy']).toContain("script-src 'self'");
    const read = await readBriefs({ contentDir: join(dir, 'content'), cwd: dir });
    const printed = await renderBrief(read.briefs[0]!, await Templates.load(templatesDir), {
      document: resolveOptions(read.briefs[0]!.meta),
    });
    expect(printed).not.toMatch(/<script/i);
    const script = await get(`${preview.url}_preview/client.js`);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain("new EventSource('/_preview/events')");
  });

  it('tells connected pages the current version of each brief', async () => {
    const events = await readEvents(`${preview.url}_preview/events`, (list) => list.length > 0);
    expect(events[0]?.event).toBe('hello');
    const hello = events[0]?.data as { versions: Record<string, number> };
    expect(hello.versions['mexico-us']).toBeGreaterThan(0);
    expect(brief.body).toContain(`data-version="${hello.versions['mexico-us']}"`);
  });

  it('fills a batch brief with one row’s values: the first, or the one asked for', async () => {
    const csv = await readFile(join(defaultContent, 'delegation-packs', 'delegations.csv'), 'utf8');
    const [, first, second] = csv.split('\n').map((line) => line.split(','));
    const byDefault = await get(`${preview.url}delegation-packs/brief`);
    expect(byDefault.status).toBe(200);
    expect(byDefault.body).toContain(`<span class="bk-field">${first?.[1] ?? '?'}</span>`);
    expect(byDefault.body).toContain(`data-rows="`);
    const asked = await get(`${preview.url}delegation-packs/brief?row=${second?.[0] ?? '?'}`);
    expect(asked.status).toBe(200);
    expect(asked.body).toContain(`<span class="bk-field">${second?.[2] ?? '?'}</span>`);
    expect(asked.body).not.toContain(`<span class="bk-field">${first?.[2] ?? '?'}</span>`);
    expect(
      (await get(`${preview.url}delegation-packs/deck?row=${second?.[0] ?? '?'}`)).status,
    ).toBe(200);
    expect((await get(`${preview.url}delegation-packs/brief?row=nobody`)).status).toBe(404);
  });

  it('folds the content warnings into the top of the page', async () => {
    await copyFixture(
      join(fixturesDir, 'check', 'content', 'clean'),
      join(dir, 'content', 'clean'),
    );
    const stats = join(dir, 'content', 'clean', 'stats.yaml');
    await writeFile(
      stats,
      `${await readFile(stats, 'utf8')}  spare:\n    label: Unused\n    value: 1\n    source: basin\n`,
    );
    const page = await get(`${preview.url}clean/brief`);
    expect(page.body).toContain('<details id="bk-preview-warnings"><summary>1 warning</summary>');
    expect(page.body).toContain('content/clean/stats.yaml:11:3  warning  Stat `spare` is not used');
    expect(page.body).not.toContain('bk-preview-errors');
  });

  it('refuses paths outside its folders, files it does not serve, and unknown briefs', async () => {
    for (const path of [
      '_files/templates/..%2Fpackage.json',
      '_files/templates/%2e%2e/package.json',
      '_files/templates/brief.hbs',
      '_files/brief/mexico-us/brief.md',
      '_files/brief/mexico-us/stats.yaml',
      '_files/brief/..%2F..%2Fetc/passwd',
      '_files/nowhere/x.css',
      'no-such-brief/brief',
      'mexico-us/brief/extra',
      'mexico-us/slides',
    ]) {
      const response = await get(`${preview.url}${path}`);
      expect(response.status, path).toBe(404);
    }
  });

  it('answers only to its own host name (no DNS rebinding) and only to GET and HEAD', async () => {
    const foreign = await get(`${preview.url}mexico-us/brief`, {
      headers: { Host: `attacker.example:${preview.port}` },
    });
    expect(foreign.status).toBe(403);
    const named = await get(`${preview.url}`, { headers: { Host: `localhost:${preview.port}` } });
    expect(named.status).toBe(200);
    const post = await get(`${preview.url}mexico-us/brief`, { method: 'POST' });
    expect(post.status).toBe(405);
  });
});

describe('preview: the command', () => {
  it('prints its address, serves until stopped, and rebuilds nothing with --no-pdf', async () => {
    const dir = await makeTempDir('preview-cli');
    await copyFixture(join(defaultContent, 'mexico-us'), join(dir, 'content', 'mexico-us'));
    const child = spawn(process.execPath, [cliPath, 'preview', '--port', '0', '--no-pdf'], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await until(
        'the preview address',
        () => /briefkit preview at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)?.[1],
      );
      expect(stderr).toContain('PDFs are not rebuilt (--no-pdf). Ctrl-C stops.');
      const page = await get(`${url}mexico-us/deck`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<body class="bk-deck">');
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('close', resolve));
      await removeDir(dir);
    }
  });
});

describe('preview: ports', () => {
  let blocker: Server;
  let taken: number;
  const previews: Preview[] = [];
  let dir: string;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    taken = (blocker.address() as { port: number }).port;
    dir = await makeTempDir('preview-ports');
    await copyFixture(join(defaultContent, 'mexico-us'), join(dir, 'content', 'mexico-us'));
  });

  afterAll(async () => {
    for (const preview of previews) await preview.close();
    await new Promise((resolve) => blocker.close(resolve));
    await removeDir(dir);
  });

  const options = (port: number, strictPort: boolean, log: string[]): PreviewOptions => {
    const settings = resolveSettings(dir, emptyConfig, {});
    return {
      cwd: dir,
      contentDir: settings.contentDir,
      outputDir: settings.outputDir,
      port,
      strictPort,
      pdf: false,
      document: settings.document,
      log: (line) => log.push(line),
    };
  };

  it('says the port is in use and takes the next free one', async () => {
    const log: string[] = [];
    const preview = await startPreview(options(taken, false, log));
    previews.push(preview);
    expect(preview.port).toBeGreaterThan(taken);
    expect(log[0]).toBe(`Port ${taken} is in use; trying ${taken + 1}`);
    expect((await get(`${preview.url}mexico-us/brief`)).status).toBe(200);
  });

  it('with --strict-port, stops with a clear message instead', async () => {
    await expect(startPreview(options(taken, true, []))).rejects.toThrow(
      `Port ${taken} on 127.0.0.1 is in use (another preview?): stop that program, or choose another port with --port`,
    );
    const cli = await runCli(
      ['preview', '--content', 'content', '--port', String(taken), '--strict-port', '--no-pdf'],
      { cwd: dir },
    );
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain(`briefkit: Port ${taken} on 127.0.0.1 is in use`);
  });

  it('rejects a port that is not a port', async () => {
    const cli = await runCli(['preview', '--port', '99999'], { cwd: dir });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--port must be a whole number from 0 to 65535');
  });
});

describe('preview: live reload in the real browser', () => {
  let dir: string;
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let templates: string;
  let briefFile: string;
  let original: string;

  const text = () => page.evaluate(() => document.body.innerText);
  /** Waits until the page (after as many reloads as it takes) shows `wanted`. */
  const shows = (wanted: string) =>
    page.waitForFunction((needle) => document.body.innerText.includes(needle), {}, wanted);
  const connected = () =>
    page.waitForFunction(() => document.documentElement.dataset.previewConnected === 'true');

  beforeAll(async () => {
    templates = await makeTempDir('preview-templates');
    await cp(templatesDir, templates, { recursive: true });
    ({ dir, preview } = await setUp('preview-live', { templatesDir: templates }));
    briefFile = join(dir, 'content', 'mexico-us', 'brief.md');
    original = await readFile(briefFile, 'utf8');
    browser = await launchBrowser();
    page = await browser.newPage();
    page.setDefaultTimeout(45_000);
    await page.goto(`${preview.url}mexico-us/brief`, { waitUntil: 'load' });
    await connected();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    await removeDir(dir);
    await removeDir(templates);
  });

  it('shows the brief with its print styles and the preview bar', async () => {
    expect(await text()).toContain('Geography sets the terms of the relationship.');
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready;
      const families: string[] = [];
      document.fonts.forEach((face) => {
        if (face.status === 'loaded') families.push(face.family);
      });
      return families;
    });
    expect(loaded).toEqual(expect.arrayContaining(['Source Serif 4', 'Source Sans 3']));
    expect(
      await page.evaluate(() => getComputedStyle(document.querySelector('.bk-title')!).fontFamily),
    ).toContain('Source Serif 4');
    expect(await page.$eval('#bk-preview-bar', (bar) => bar.textContent)).toContain('Deck');
  });

  it('reloads with the new text after brief.md is saved', async () => {
    await writeFile(
      briefFile,
      original.replace('Geography sets the terms', 'Saved edit one: geography sets the terms'),
    );
    await shows('Saved edit one: geography sets the terms');
    await connected();
  });

  it('shows a broken edit as errors in the page, over the last good version', async () => {
    const broken = original
      .replace('Geography sets the terms', 'Saved edit one: geography sets the terms')
      .replace(
        'Its history explains most of the present agenda.',
        'Its history explains :stat[trade-2012].',
      );
    await writeFile(briefFile, broken);
    const panel = await page.waitForSelector('#bk-preview-errors');
    const message = normalizeSpace((await panel?.evaluate((node) => node.textContent)) ?? '');
    const line = broken.split('\n').findIndex((row) => row.includes(':stat[trade-2012]')) + 1;
    expect(message).toContain(`content/mexico-us/brief.md:${line}:`);
    expect(message).toContain('Unknown stat `trade-2012`; did you mean `trade-2021`?');
    // The last version that rendered stays readable under the errors.
    expect(await text()).toContain('Saved edit one: geography sets the terms');
  });

  it('recovers when the error is fixed', async () => {
    await writeFile(
      briefFile,
      original.replace('Geography sets the terms', 'Saved edit two: geography sets the terms'),
    );
    await shows('Saved edit two: geography sets the terms');
    expect(await page.$('#bk-preview-errors')).toBeNull();
    await connected();
  });

  it('reloads after stats.yaml changes', async () => {
    const stats = join(dir, 'content', 'mexico-us', 'stats.yaml');
    await writeFile(stats, (await readFile(stats, 'utf8')).replace('value: 1954', 'value: 1955'));
    // The number and its unit are joined by a no-break space.
    await shows('1,955\u00a0miles');
    await connected();
  });

  it('reloads after a template changes, and survives a template that does not compile', async () => {
    const hbs = join(templates, 'brief.hbs');
    const source = await readFile(hbs, 'utf8');
    await writeFile(hbs, source.replace('<main>', '<main>\n<p>Template marker paragraph</p>'));
    await shows('Template marker paragraph');
    await connected();
    await writeFile(hbs, source.replace('<main>', '<main>\n{{#if brief.meta.title}}'));
    const panel = await page.waitForSelector('#bk-preview-errors');
    expect(await panel?.evaluate((node) => node.textContent)).toMatch(/brief|Parse error/i);
    await writeFile(hbs, source);
    await page.waitForFunction(() => !document.querySelector('#bk-preview-errors'));
    expect(await text()).not.toContain('Template marker paragraph');
    await connected();
  });

  it('reloads after a stylesheet changes, with the new style applied', async () => {
    const css = join(templates, 'brief.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n.bk-title { color: rgb(1, 2, 3); }\n`);
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('.bk-title')!).color === 'rgb(1, 2, 3)',
    );
    await connected();
  });

  it('marks deck slides that would overflow, as the printer measures them', async () => {
    await page.goto(`${preview.url}mexico-us/deck`, { waitUntil: 'load' });
    await connected();
    await page.evaluate(() => document.fonts.ready);
    expect(await page.$$eval('.slide', (slides) => slides.length)).toBeGreaterThan(8);
    expect(await page.$$('.slide.bk-preview-overflow')).toHaveLength(0);
    const long = Array.from({ length: 40 }, (_, i) => `- Overflowing point number ${i + 1}`);
    await writeFile(
      briefFile,
      original.replace(
        '- HLED: launched 2013, relaunched 2021',
        `- HLED: launched 2013, relaunched 2021\n${long.join('\n')}`,
      ),
    );
    const marked = await page.waitForSelector('.slide.bk-preview-overflow');
    expect(
      await marked?.evaluate((slide) => (slide as HTMLElement).dataset.previewOverflow),
    ).toMatch(/^Slide \d+ does not fit: \d+ px overflow$/);
  });
});

describe('preview: PDFs rebuilt in the background', () => {
  let dir: string;
  let preview: Preview;
  let browser: Browser;

  beforeAll(async () => {
    dir = await makeTempDir('preview-pdf');
    const created = await runCli(
      ['new', 'harbor', '--title', 'Harbor Brief', '--date', '2026-01-01'],
      {
        cwd: dir,
      },
    );
    expect(created.code, created.stderr).toBe(0);
    const settings = resolveSettings(dir, emptyConfig, {});
    preview = await startPreview({
      cwd: dir,
      contentDir: settings.contentDir,
      outputDir: settings.outputDir,
      port: 0,
      document: settings.document,
      log: () => undefined,
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    await removeDir(dir);
  });

  it('rebuilds the changed brief into the output folder and shows the status in the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.url}harbor/brief`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.previewConnected === 'true');
    const file = join(dir, 'content', 'harbor', 'brief.md');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        'title: "Harbor Brief"',
        'title: "Harbor Brief, Revised"',
      ),
    );
    await page.waitForFunction(
      () =>
        document.querySelector('.bk-preview-status')?.textContent?.startsWith('PDFs: up to date'),
      { timeout: 90_000 },
    );
    await preview.idle();
    const pdf = join(dir, 'output', 'harbor', 'brief.pdf');
    expect(existsSync(pdf)).toBe(true);
    const pages = await pdfText(new Uint8Array(await readFile(pdf)));
    expect(normalizeSpace(pages[0] ?? '')).toContain('Harbor Brief, Revised');
    for (const kind of ['deck', 'handout'])
      expect(existsSync(join(dir, 'output', 'harbor', `${kind}.pdf`))).toBe(true);
    await until('the index to link the PDFs', async () => {
      const index = await get(preview.url);
      return index.body.includes('href="/harbor/brief.pdf"') ? true : undefined;
    });
    const served = await get(`${preview.url}harbor/brief.pdf`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('application/pdf');
  });

  it('shows a failed background build in the page, with the build’s messages', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.url}harbor/deck`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.documentElement.dataset.previewConnected === 'true');
    const file = join(dir, 'content', 'harbor', 'brief.md');
    const long = Array.from({ length: 40 }, (_, i) => `- Point ${i + 1} that does not fit`);
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(
        '- The problem in one line',
        `- The problem in one line\n${long.join('\n')}`,
      ),
    );
    const status = await page.waitForSelector('.bk-preview-status[data-state="failed"]', {
      timeout: 90_000,
    });
    expect(await status?.evaluate((node) => node.textContent)).toBe('PDFs: build failed');
    expect(await status?.evaluate((node) => (node as HTMLElement).title)).toMatch(
      /content\/harbor\/brief\.md:\d+:\d+ {2}error {2}Slide \d+ .* does not fit/,
    );
    // The page itself still renders, and marks the slide the build refused.
    expect(await page.$('.slide.bk-preview-overflow')).not.toBeNull();
  });
});
