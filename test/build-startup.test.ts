/**
 * What makes a cold build start fast, and must not break it: the headless shell is preferred, a
 * browser behind a wrapper script is ended with everything it started, and the bundled pipeline
 * runs through V8's code cache, which is written, reused, and replaced when it does not fit.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  chmod,
  cp,
  mkdir,
  readdir,
  readFile,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BriefkitError } from '../src/errors.js';
import type * as ErrorsModule from '../src/errors.js';
import { findBrowser, isHeadlessShell } from '../src/print/find-browser.js';
import { makeTempDir, removeDir, repoRoot, runCli, sourceDateEpoch } from './helpers.js';

const run = promisify(execFile);

async function fakeExecutable(path: string): Promise<void> {
  await writeFile(path, '#!/bin/sh\nexit 1\n');
  await chmod(path, 0o755);
}

describe('choosing the browser', () => {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await makeTempDir('startup-find');
  });
  afterAll(() => removeDir(dir));

  it('prefers a headless shell on PATH to full Chromium', async () => {
    const bin = join(dir ?? '', 'both');
    await mkdir(bin);
    await fakeExecutable(join(bin, 'chromium'));
    await fakeExecutable(join(bin, 'chromium-headless-shell'));
    const found = await findBrowser({ PATH: bin, PUPPETEER_CACHE_DIR: join(bin, 'none') });
    expect(found?.executablePath).toBe(join(bin, 'chromium-headless-shell'));
  });

  it('takes full Chromium when it is the only browser', async () => {
    const bin = join(dir ?? '', 'full');
    await mkdir(bin);
    await fakeExecutable(join(bin, 'chromium'));
    const found = await findBrowser({ PATH: bin, PUPPETEER_CACHE_DIR: join(bin, 'none') });
    expect(found?.executablePath).toBe(join(bin, 'chromium'));
  });

  it('finds a per-user Chromium on Windows (under LOCALAPPDATA) before Edge, and Edge without it', async () => {
    // Windows paths, made on this machine: join() keeps their backslashes in one file name.
    const local = join(dir ?? '', 'local-app-data');
    const programs = join(dir ?? '', 'program-files');
    await mkdir(local);
    await mkdir(programs);
    const edge = join(programs, 'Microsoft\\Edge\\Application\\msedge.exe');
    await fakeExecutable(edge);
    const env = { PATH: '', PUPPETEER_CACHE_DIR: join(local, 'none'), PROGRAMFILES: programs };
    expect((await findBrowser({ ...env, LOCALAPPDATA: local }, 'win32'))?.executablePath).toBe(
      edge,
    );
    const chromium = join(local, 'Chromium\\Application\\chrome.exe');
    await fakeExecutable(chromium);
    expect((await findBrowser({ ...env, LOCALAPPDATA: local }, 'win32'))?.executablePath).toBe(
      chromium,
    );
    // The same machine's places are not looked for on another system.
    expect(await findBrowser({ ...env, LOCALAPPDATA: local }, 'darwin')).toBeUndefined();
  });

  it('knows a headless shell by its name', () => {
    expect(isHeadlessShell('/usr/bin/chromium-headless-shell')).toBe(true);
    expect(
      isHeadlessShell('/home/a/.cache/puppeteer/chrome-headless-shell/linux/chrome-headless-shell'),
    ).toBe(true);
    expect(isHeadlessShell('C:\\chrome-headless-shell\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/usr/bin/chromium')).toBe(false);
    expect(isHeadlessShell('/opt/headless-shell-tools/chrome')).toBe(false);
  });
});

describe('a browser behind a wrapper script', () => {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await makeTempDir('startup-wrapper');
  });
  afterAll(() => removeDir(dir));

  it('is ended with every process it started, and the build exits', async () => {
    const real = await findBrowser();
    expect(real, 'a browser to wrap').toBeDefined();
    // Like Debian's /usr/bin/chromium*: a shell that runs the browser without `exec`, so killing
    // the shell alone would leave the browser holding the build's pipes open.
    const wrapper = join(dir ?? '', `wrapper-${basename(real?.executablePath ?? 'chrome')}`);
    await writeFile(wrapper, `#!/bin/sh\n"${real?.executablePath}" "$@"\n`);
    await chmod(wrapper, 0o755);
    const tmp = join(dir ?? '', 'tmp');
    await mkdir(tmp);
    const started = Date.now();
    const result = await runCli(
      [
        'build',
        'clean',
        '--content',
        join(repoRoot, 'test', 'fixtures', 'check', 'content'),
        '--out',
        join(dir ?? '', 'out'),
      ],
      { env: { PUPPETEER_EXECUTABLE_PATH: wrapper, TMPDIR: tmp } },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    // No process is left whose command line names this build's profile folder.
    let left = '';
    try {
      left = execFileSync('pgrep', ['-f', tmp]).toString().trim();
    } catch {
      // pgrep exits 1 when nothing matches
    }
    expect(left).toBe('');
  });
});

describe('the bundled pipeline and its code cache', () => {
  let dir: string | undefined;
  let root: string;
  let cacheDir: string;
  let cacheName: string;
  let content: string;

  /** A build of the default content from the copied package, with the loader's log. */
  async function build() {
    const { stderr } = await run(
      process.execPath,
      [
        join(root, 'dist', 'bin', 'briefkit.js'),
        'build',
        'mexico-us',
        '--content',
        content,
        '--force',
      ],
      {
        cwd: dir,
        env: {
          ...process.env,
          DEBUG: 'briefkit:build',
          BRIEFKIT_CACHE_DIR: join(dir ?? '', 'cache'),
          SOURCE_DATE_EPOCH: String(sourceDateEpoch),
        },
      },
    ).then(
      (done) => done,
      (failed: { stderr: string }) => {
        throw new Error(failed.stderr);
      },
    );
    return {
      cached: /pipeline: from the code cache/.test(stderr),
      compiled: /pipeline: compiled/.test(stderr),
      brief: await readFile(join(dir ?? '', 'output', 'mexico-us', 'brief.pdf')),
    };
  }

  beforeAll(async () => {
    dir = await makeTempDir('startup-cache');
    // A copy of the installed package, so this test owns its bundle and its cache.
    root = join(dir, 'package');
    await mkdir(join(root, 'dist'), { recursive: true });
    await cp(join(repoRoot, 'dist', 'bin'), join(root, 'dist', 'bin'), { recursive: true });
    await cp(join(repoRoot, 'package.json'), join(root, 'package.json'));
    await symlink(join(repoRoot, 'templates'), join(root, 'templates'));
    await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
    // The user's cache folder, not the package: a packed briefkit ships no code cache.
    cacheDir = join(dir, 'cache', 'code-cache');
    cacheName = `${(await readFile(join(root, 'dist', 'bin', 'code-id'), 'utf8')).slice(0, 16)}-${process.version}-${process.arch}.bin`;
    content = join(dir, 'content');
    await cp(join(repoRoot, 'content'), content, { recursive: true });
  });
  afterAll(() => removeDir(dir));

  it('is compiled and its cache written by the first build, then read from the cache', async () => {
    const first = await build();
    expect(first.compiled).toBe(true);
    const written = await readdir(cacheDir);
    expect(written).toEqual([cacheName]);
    expect(existsSync(join(root, 'dist', 'bin', 'code-cache'))).toBe(false);

    const second = await build();
    expect(second.cached).toBe(true);
    expect(second.brief.equals(first.brief), 'same bytes with and without the cache').toBe(true);
  });

  it('replaces a cache that does not fit, and still builds', async () => {
    const file = join(cacheDir, cacheName);
    expect(existsSync(file)).toBe(true);
    await writeFile(file, 'not a code cache');
    const damaged = await build();
    expect(damaged.compiled).toBe(true);
    expect((await readFile(file)).length).toBeGreaterThan(100_000);
    expect((await build()).cached).toBe(true);
  });

  it('keeps the caches used last and removes older ones when it writes a new one', async () => {
    // Caches of earlier versions: the oldest used ten days ago, the newest one day ago.
    const day = 24 * 3600 * 1000;
    const old = Array.from({ length: 9 }, (_, index) => `old${index}-v0.0.0-x64.bin`);
    for (const [index, name] of old.entries()) {
      const file = join(cacheDir, name);
      await writeFile(file, 'an older cache');
      const when = new Date(Date.now() - (10 - index) * day);
      await utimes(file, when, when);
    }
    // Reading the current cache marks it used, so it is not the one to go.
    const current = join(cacheDir, cacheName);
    const lastWeek = new Date(Date.now() - 20 * day);
    await utimes(current, lastWeek, lastWeek);
    expect((await build()).cached).toBe(true);
    expect((await stat(current)).mtimeMs).toBeGreaterThan(Date.now() - day);
    await writeFile(current, 'not a code cache');
    expect((await build()).compiled).toBe(true);
    const kept = (await readdir(cacheDir)).sort();
    // The new cache and the five used most lately; the four used longest ago are gone.
    expect(kept).toEqual([cacheName, ...old.slice(4)].sort());
  });
});

describe('errors from the bundled pipeline', () => {
  it('are known by class, whichever copy of the module made them', async () => {
    // The compiled module is a second copy of the class, as the bundled pipeline has its own.
    const other = (await import(
      pathToFileURL(join(repoRoot, 'dist', 'errors.js')).href
    )) as typeof ErrorsModule;
    expect(other.BriefkitError).not.toBe(BriefkitError);
    const fromOtherCopy = new other.BriefkitError('PRINT_FAILED', 'printing failed');
    expect(fromOtherCopy instanceof BriefkitError).toBe(true);
    expect(new BriefkitError('USAGE', 'bad flag') instanceof other.BriefkitError).toBe(true);
    expect(new Error('plain') instanceof BriefkitError).toBe(false);
    expect({ name: 'BriefkitError', code: 'USAGE', files: [] } instanceof BriefkitError).toBe(
      false,
    );
  });
});

describe('numbers, dates and endpoints are checked before anything starts', () => {
  let dir: string | undefined;
  beforeAll(async () => {
    dir = await makeTempDir('startup-ranges');
    await cp(join(repoRoot, 'content', 'mexico-us'), join(dir, 'content', 'mexico-us'), {
      recursive: true,
    });
  });
  afterAll(() => removeDir(dir));

  const build = (args: string[], env: Record<string, string> = {}) =>
    runCli(['build', '--out', 'out', '--format', 'brief', ...args], { cwd: dir ?? '', env });

  it.each([
    [['--timeout', '3000000'], '--timeout must be a whole number from 1 to 86400'],
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 64'],
    [['--concurrency', '2.5'], '--concurrency must be a whole number from 1 to 64'],
    [['--browser-ws-endpoint', 'localhost:9222'], 'expected a ws:// or wss:// URL'],
    // It wrote manifest.shard-1-of-100000000000000000000.json, which no release could collect.
    [['--shard', '1/99999999999999999999'], '--shard takes i/n with 1 ≤ i ≤ n ≤ 10000'],
  ])('refuses %j with one clear message, as a usage error (exit 2)', async (args, message) => {
    const result = await build(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    // The error and where help is: not the whole help after it.
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(existsSync(join(dir ?? '', 'out'))).toBe(false);
  });

  it('refuses a SOURCE_DATE_EPOCH past the year 9999 (it made PDF dates `D:0NaN…`)', async () => {
    const result = await build([], { SOURCE_DATE_EPOCH: '99999999999999999999' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SOURCE_DATE_EPOCH must be whole seconds since 1970 up to');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir ?? '', 'out', 'mexico-us', 'brief.pdf'))).toBe(false);
  });

  it('names an endpoint where no browser answers (it said `[object Object]`)', async () => {
    const result = await build(['--browser-ws-endpoint', 'ws://127.0.0.1:9/devtools/browser/x']);
    // The documents could not be printed: exit 4, as the README lists.
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      'Could not connect to the browser at ws://127.0.0.1:9/devtools/browser/x',
    );
    expect(result.stderr).not.toContain('[object Object]');
  });

  it.each([
    ['takes the connection and never answers the handshake', 'tcp'],
    ['answers the handshake and then no command', 'websocket'],
  ] as const)('ends, exit 4, when an endpoint %s (it waited for ever)', async (_, kind) => {
    const server = createServer();
    const sockets = new Set<Socket>();
    server.on('connection', (socket) => sockets.add(socket));
    if (kind === 'websocket')
      server.on('upgrade', (request, socket) => {
        const accept = createHash('sha1')
          .update(
            `${String(request.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`,
          )
          .digest('base64');
        socket.write(
          `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
        );
      });
    else server.removeAllListeners('request');
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const started = Date.now();
      const result = await build([
        '--browser-ws-endpoint',
        `ws://127.0.0.1:${port}/devtools/browser/x`,
        '--timeout',
        '2',
        '--force',
      ]);
      // Three attempts of two seconds each, then the process exits.
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(result.code, result.stderr).toBe(4);
      expect(result.stderr).toContain(`Could not connect to the browser at ws://127.0.0.1:${port}`);
      expect(result.stderr).toContain('no answer within 2 s');
      expect(result.stderr).not.toContain('protocolTimeout');
    } finally {
      for (const socket of sockets) socket.destroy();
      server.close();
    }
  });
});
