/**
 * Nothing lost: a browser killed in the middle of a batch is replaced and every document is still
 * made; a build stopped with Ctrl-C leaves only complete PDFs and the earlier files it had not
 * reached, and no temporary files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, makeTempDir, removeDir } from './helpers.js';
import { makeBatchContent, startCli, waitFor } from './process-helpers.js';

const rowCount = 8;

async function completePdfs(out: string): Promise<string[]> {
  const pdfs = (await listFiles(out)).filter((file) => file.endsWith('.pdf'));
  for (const file of pdfs) {
    // Throws on a truncated or half-written file.
    await PDFDocument.load(new Uint8Array(await readFile(join(out, file))), {
      updateMetadata: false,
    });
  }
  return pdfs;
}

describe('faults in the middle of a batch', () => {
  let dir: string | undefined;
  let content: string;

  beforeAll(async () => {
    dir = await makeTempDir('engine-faults');
    content = await makeBatchContent(dir, rowCount);
  });
  afterAll(() => removeDir(dir));

  it('replaces a browser that is killed mid-batch, and still makes every document', async () => {
    const out = join(dir ?? '', 'out-kill');
    const tmp = join(dir ?? '', 'tmp-kill');
    await mkdir(tmp, { recursive: true });
    const build = startCli(
      ['build', '--content', content, '--out', out, '--concurrency', '1'],
      tmp,
    );
    await waitFor(() => existsSync(join(out, 'packs', 'row-1', 'brief.pdf')));
    // Kill this build's Chromium (every process whose command line names its profile folder).
    execFileSync('pkill', ['-9', '-f', tmp], { stdio: 'ignore' });
    const result = await build.done;
    expect(result.code, result.stderr).toBe(0);
    const pdfs = await completePdfs(out);
    expect(pdfs).toHaveLength(rowCount * 2);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      files: unknown[];
    };
    expect(manifest.files).toHaveLength(rowCount * 2);
  });

  it('leaves only complete PDFs, earlier files intact and no temporary files when stopped with Ctrl-C', async () => {
    const out = join(dir ?? '', 'out-interrupt');
    const tmp = join(dir ?? '', 'tmp-interrupt');
    await mkdir(tmp, { recursive: true });
    // An earlier build's file for the last row, which an interrupted build must not spoil.
    const earlier = join(out, 'packs', `row-${rowCount}`, 'brief.pdf');
    const earlierPdf = await PDFDocument.create();
    earlierPdf.addPage();
    const earlierBytes = await earlierPdf.save();
    await mkdir(join(out, 'packs', `row-${rowCount}`), { recursive: true });
    await writeFile(earlier, earlierBytes);

    const build = startCli(
      ['build', '--content', content, '--out', out, '--concurrency', '1'],
      tmp,
    );
    await waitFor(() => existsSync(join(out, 'packs', 'row-2', 'deck.pdf')));
    build.child.kill('SIGINT');
    const result = await build.done;
    expect(
      result.code === 130 || result.signal === 'SIGINT',
      `exit ${result.code} ${result.signal}`,
    ).toBe(true);

    const files = await listFiles(out);
    expect(files.filter((file) => file.endsWith('.tmp'))).toEqual([]);
    const pdfs = await completePdfs(out);
    expect(pdfs.length).toBeGreaterThanOrEqual(4);
    // The last row was not reached: its earlier file is still there, byte for byte.
    expect(Buffer.compare(await readFile(earlier), Buffer.from(earlierBytes))).toBe(0);
  });
});
