/**
 * A PDF page as pixels, drawn by poppler's `pdftoppm` the way a reader's viewer draws it: for
 * what only shows in the picture (a CSS filter baked into an image, a colour behind the text).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface PagePixels {
  width: number;
  height: number;
  /** Dots per point: pixel = point × scale, from the page's top left. */
  scale: number;
  /** The colour at a point (x, y in points from the page's top left), as [r, g, b] 0–255. */
  at(x: number, y: number): [number, number, number];
}

export async function pagePixels(pdf: string, page: number, dpi = 72): Promise<PagePixels> {
  const dir = await mkdtemp(join(tmpdir(), 'briefkit-pixels-'));
  try {
    const base = join(dir, 'page');
    const args = ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile'];
    await promisify(execFile)('pdftoppm', [...args, pdf, base]);
    const bytes = await readFile(`${base}.ppm`);
    // P6 header: magic, width, height, maximum value, each after whitespace; then RGB bytes.
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
    if (!header) throw new Error('pdftoppm wrote no P6 image');
    const [whole = '', w = '0', h = '0'] = header;
    const width = Number(w);
    const height = Number(h);
    const scale = dpi / 72;
    return {
      width,
      height,
      scale,
      at(x, y) {
        const px = Math.min(width - 1, Math.max(0, Math.round(x * scale)));
        const py = Math.min(height - 1, Math.max(0, Math.round(y * scale)));
        const at = whole.length + 3 * (py * width + px);
        return [bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0];
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
