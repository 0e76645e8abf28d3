/**
 * The browser dies with the build: however a build ends — done, killed with SIGKILL at any
 * moment, a closed terminal — no browser process it started is left, and a killed build leaves
 * the earlier PDFs and manifest whole and, once the next build has run, no temporary files.
 * Ctrl-C and SIGTERM end a build or a check at once, even in the middle of parsing a large brief
 * or of finishing a long PDF, and a parent process sees it ended by the signal.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accepted } from '../scripts/hostile-markdown.js';
import { listFiles, makeTempDir, removeDir } from './helpers.js';
import { briefText, minimalStats, writeFiles } from './hostile-helpers.js';
import {
  browserGroups,
  makeBatchContent,
  startCli,
  survivors,
  waitFor,
  type ProcessInfo,
} from './process-helpers.js';

const rows = 6;

const describeLeft = (left: ProcessInfo[]) =>
  left
    .map((process) => `${process.pid} ${process.state} ${process.command.slice(0, 80)}`)
    .join('\n');

async function assertWholePdfs(out: string): Promise<string[]> {
  const pdfs = (await listFiles(out)).filter((file) => file.endsWith('.pdf'));
  for (const file of pdfs) {
    // Throws on a truncated or half-written file.
    const document = await PDFDocument.load(new Uint8Array(await readFile(join(out, file))), {
      updateMetadata: false,
    });
    expect(document.getPageCount(), file).toBeGreaterThan(0);
  }
  return pdfs;
}

describe('a build and its browser', () => {
  let dir: string | undefined;
  let content: string;
  let out: string;
  let manifest: string;

  beforeAll(async () => {
    dir = await makeTempDir('lifecycle');
    content = await makeBatchContent(dir, rows);
    out = join(dir, 'out');
    // An earlier complete build: what a killed build must leave whole.
    const tmp = join(dir, 'tmp-first');
    await mkdir(tmp);
    const first = await startCli(['build', '--content', content, '--out', out], tmp).done;
    expect(first.code, first.stderr).toBe(0);
    manifest = await readFile(join(out, 'manifest.json'), 'utf8');
    expect((JSON.parse(manifest) as { files: unknown[] }).files).toHaveLength(rows * 2);
  });
  afterAll(() => removeDir(dir));

  it.each([
    ['as soon as the browser starts', 'browser'],
    ['while the first documents print', 'printing'],
    ['halfway through the batch', 'halfway'],
  ] as const)(
    'kill -9 %s leaves no browser, whole PDFs and the manifest as it was',
    async (_, moment) => {
      const tmp = join(dir ?? '', `tmp-${moment}`);
      await mkdir(tmp);
      const started = Date.now();
      const build = startCli(
        ['build', '--content', content, '--out', out, '--force', '--concurrency', '1'],
        tmp,
      );
      let groups = new Set<number>();
      await waitFor(() => (groups = browserGroups(tmp)).size > 0, 60_000, 'the browser');
      // Files this build wrote: newer than its start.
      const rewritten = async () => {
        let count = 0;
        for (const file of await listFiles(out)) {
          if (!file.endsWith('.pdf')) continue;
          const { mtimeMs } = await stat(join(out, file));
          if (mtimeMs >= started) count++;
        }
        return count;
      };
      // Counted, not timed: a fast machine printed the whole batch in a fixed wait.
      if (moment === 'printing')
        await waitFor(async () => (await rewritten()) >= 1, 90_000, 'the first document');
      if (moment === 'halfway')
        await waitFor(async () => (await rewritten()) >= rows, 90_000, 'half the batch');
      groups = new Set([...groups, ...browserGroups(tmp)]);
      build.child.kill('SIGKILL');
      const result = await build.done;
      expect(result.signal).toBe('SIGKILL');

      const left = await survivors(groups, tmp, 5_000);
      expect(left, describeLeft(left)).toEqual([]);
      // Every PDF whole (the earlier one or this build's), the manifest untouched.
      expect(await assertWholePdfs(out)).toHaveLength(rows * 2);
      expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
    },
  );

  it('the next build after a killed one leaves no temporary files, in the output or TMPDIR', async () => {
    const tmp = join(dir ?? '', 'tmp-browser');
    const result = await startCli(['build', '--content', content, '--out', out, '--force'], tmp)
      .done;
    expect(result.code, result.stderr).toBe(0);
    expect((await listFiles(out)).filter((file) => !file.endsWith('.pdf'))).toEqual([
      'manifest.json',
    ]);
    expect(await readdir(tmp)).toEqual([]);
    await assertWholePdfs(out);
  });

  it('a frozen browser (SIGSTOP) is killed, not waited on: the retry prints every document', async () => {
    const tmp = join(dir ?? '', 'tmp-frozen');
    await mkdir(tmp);
    const build = startCli(
      ['build', '--content', content, '--out', out, '--force', '--timeout', '5'],
      tmp,
    );
    let groups = new Set<number>();
    await waitFor(() => (groups = browserGroups(tmp)).size > 0, 60_000, 'the browser');
    for (const group of groups) process.kill(-group, 'SIGSTOP');
    const result = await Promise.race([
      build.done,
      new Promise<undefined>((resolve) => setTimeout(resolve, 150_000)),
    ]);
    if (!result) build.child.kill('SIGKILL');
    // Before: the stopped browser was waited on (180 s a call), every attempt failed, exit 0.
    expect(result?.code, result?.stderr ?? 'still running after 150 s').toBe(0);
    const left = await survivors(new Set([...groups, ...browserGroups(tmp)]), tmp, 5_000);
    expect(left, describeLeft(left)).toEqual([]);
    expect(await assertWholePdfs(out)).toHaveLength(rows * 2);
  });

  it('a browser frozen again each time it is started ends the build after the third, exit 4', async () => {
    const tmp = join(dir ?? '', 'tmp-refrozen');
    await mkdir(tmp);
    const build = startCli(
      ['build', '--content', content, '--out', out, '--force', '--timeout', '5'],
      tmp,
    );
    await waitFor(() => browserGroups(tmp).size > 0, 60_000, 'the browser');
    // Whatever froze the first browser freezes each one started after it, as it starts.
    const seen = new Set<number>();
    const freezer = setInterval(() => {
      for (const group of browserGroups(tmp)) {
        if (seen.has(group)) continue;
        seen.add(group);
        try {
          process.kill(-group, 'SIGSTOP');
        } catch {
          // Already gone.
        }
      }
    }, 50);
    const result = await Promise.race([
      build.done,
      new Promise<undefined>((resolve) => setTimeout(resolve, 150_000)),
    ]);
    clearInterval(freezer);
    if (!result) build.child.kill('SIGKILL');
    // Before: each document was tried three times, seven browsers started and were frozen, and
    // the build went on for over a minute.
    expect(result?.code, result?.stderr ?? 'still running after 150 s').toBe(4);
    // Three, or four when two documents meet a failed start at once.
    expect(result?.stderr, result?.stderr).toMatch(
      /The browser would not start or stopped answering [34] times/,
    );
    expect(seen.size).toBeLessThanOrEqual(5);
    const left = await survivors(new Set([...seen, ...browserGroups(tmp)]), tmp, 5_000);
    expect(left, describeLeft(left)).toEqual([]);
    await assertWholePdfs(out);
  });

  it('a closed terminal (SIGHUP) ends the build and its browser within seconds', async () => {
    const tmp = join(dir ?? '', 'tmp-hangup');
    await mkdir(tmp);
    const build = startCli(
      ['build', '--content', content, '--out', out, '--force', '--concurrency', '1'],
      tmp,
    );
    let groups = new Set<number>();
    await waitFor(() => (groups = browserGroups(tmp)).size > 0, 60_000, 'the browser');
    build.child.kill('SIGHUP');
    const ended = await Promise.race([
      build.done,
      new Promise<undefined>((resolve) => setTimeout(resolve, 3_000)),
    ]);
    if (!ended) build.child.kill('SIGKILL');
    // Ended by the signal itself, whether its default action or the handler (which re-raises it
    // after cleaning up) ended it: a shell reports 129.
    expect(ended?.signal, 'still running 3 s after SIGHUP').toBe('SIGHUP');
    const left = await survivors(groups, tmp, 3_000);
    expect(left, describeLeft(left)).toEqual([]);
    // The work folder goes with the browser, whichever way the build ended.
    await waitFor(async () => (await readdir(tmp)).length === 0, 3_000, 'an empty TMPDIR');
  });
});

describe('signals during parsing', () => {
  let dir: string | undefined;
  let content: string;
  let out: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    dir = await makeTempDir('parse-signals');
    content = join(dir, 'content');
    out = join(dir, 'out');
    // An earlier build of a small brief: what a stopped build must leave as it was.
    await writeFiles(content, {
      'small/brief.md': briefText('Short.'),
      'small/stats.yaml': minimalStats,
    });
    const tmp = join(dir, 'tmp-first');
    await mkdir(tmp);
    const first = await startCli(['build', '--content', content, '--out', out], tmp).done;
    expect(first.code, first.stderr).toBe(0);
    before = await contents(out);
    // Then a brief that takes seconds to parse: 900 KB of paragraphs, under the size limit.
    await writeFiles(content, {
      'big/brief.md': briefText(accepted.paragraphs?.(900_000) ?? ''),
      'big/stats.yaml': minimalStats,
    });
  });
  afterAll(() => removeDir(dir));

  it.each([
    ['check', 'SIGTERM'],
    ['check', 'SIGINT'],
    ['build', 'SIGTERM'],
    ['build', 'SIGINT'],
  ] as const)(
    '%s ends within seconds of %s mid-parse, leaving the earlier outputs as they were',
    async (command, signal) => {
      const tmp = join(dir ?? '', `tmp-${command}-${signal}`);
      await mkdir(tmp);
      const args =
        command === 'build'
          ? ['build', '--content', content, '--out', out, '--force']
          : ['check', '--content', content];
      const run = startCli(args, tmp, { DEBUG: 'briefkit:load' });
      await waitFor(() => run.stderr().includes('loading big'), 60_000, 'the parse to start');
      // Well inside the parse of 900 KB, which takes seconds.
      await new Promise((resolve) => setTimeout(resolve, 300));
      run.child.kill(signal);
      const ended = await Promise.race([
        run.done,
        new Promise<undefined>((resolve) => setTimeout(resolve, 3_000)),
      ]);
      if (!ended) run.child.kill('SIGKILL');
      // Before: the handler waited for the parse to end (11 s for this brief, 15 min for 25 MB).
      // Ended by the signal (a shell reports the code, 128 + n), never by a plain exit.
      expect(ended?.signal, 'still running 3 s after the signal').toBe(signal);
      expect(await contents(out)).toEqual(before);
      expect(await readdir(tmp)).toEqual([]);
      expect(browserGroups(tmp).size).toBe(0);
    },
  );
});

describe('signals while a long PDF is finished', () => {
  let dir: string | undefined;
  let content: string;
  let out: string;
  let before: Map<string, string>;

  beforeAll(async () => {
    dir = await makeTempDir('finish-signals');
    content = join(dir, 'content');
    out = join(dir, 'out');
    await writeFiles(content, {
      'small/brief.md': briefText('Short.'),
      'small/stats.yaml': minimalStats,
    });
    const tmp = join(dir, 'tmp-first');
    await mkdir(tmp);
    const first = await startCli(['build', '--content', content, '--out', out], tmp).done;
    expect(first.code, first.stderr).toBe(0);
    before = await contents(out);
    // 1,500 pages from a short file: seconds of pdf-lib work after printing, on one event loop.
    const pages = Array.from({ length: 1_500 }, (_, index) => `Page ${index}.\n\n\\newpage\n\n`);
    await writeFiles(content, {
      'long/brief.md': briefText(pages.join('')),
      'long/stats.yaml': minimalStats,
    });
  });
  afterAll(() => removeDir(dir));

  it('SIGTERM after printing, while the PDF is finished, ends the build within a second', async () => {
    const tmp = join(dir ?? '', 'tmp-finish');
    await mkdir(tmp);
    const run = startCli(
      ['build', 'long', '--content', content, '--out', out, '--force', '--format', 'brief'],
      tmp,
      { DEBUG: 'briefkit:print' },
    );
    let groups = new Set<number>();
    await waitFor(
      () => {
        groups = new Set([...groups, ...browserGroups(tmp)]);
        return run.stderr().includes('long/brief.pdf: printed');
      },
      120_000,
      'the PDF to be printed',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    run.child.kill('SIGTERM');
    const ended = await Promise.race([
      run.done,
      new Promise<undefined>((resolve) => setTimeout(resolve, 5_000)),
    ]);
    const took = Date.now() - signalled;
    if (!ended) run.child.kill('SIGKILL');
    // Before: the handler waited for pdf-lib to finish the document (2.7 s for this one, 3.4 s
    // for 503 pages of prose), then exited with 143.
    expect(ended?.signal, 'still running 5 s after SIGTERM').toBe('SIGTERM');
    expect(took).toBeLessThan(1_000);
    const left = await survivors(groups, tmp, 3_000);
    expect(left, describeLeft(left)).toEqual([]);
    await waitFor(async () => (await readdir(tmp)).length === 0, 3_000, 'an empty TMPDIR');
    expect(await contents(out)).toEqual(before);
  });
});

/** Every file under `dir` with its bytes (as base64), for "left as it was". */
async function contents(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const file of await listFiles(dir))
    files.set(file, (await readFile(join(dir, file))).toString('base64'));
  return files;
}
