import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { displayPath } from '../config/settings.js';
import { error } from '../errors.js';

/**
 * The output folder must be a folder, or a path where one can be made: `-o brief.md` (the input
 * itself) or `-o notes.txt` (any file) would otherwise end, after every document was printed, in
 * ENOTDIR at the first write. A `-o talk.pdf` that is a folder likewise. Checked before anything
 * is read or printed; nothing is written.
 */
export async function checkOutputTarget(options: {
  outputDir: string;
  outputFile?: string | undefined;
  file?: string | undefined;
  cwd?: string | undefined;
}): Promise<void> {
  const cwd = options.cwd ?? process.cwd();
  const shown = (path: string) => displayPath(cwd, path);
  if (options.outputFile !== undefined) {
    const info = await stat(options.outputFile).catch(() => undefined);
    if (info && !info.isFile())
      error(
        'USAGE',
        `-o ${shown(options.outputFile)} is a folder, not a file: give another file name, or the folder without the file name`,
      );
    return;
  }
  // The nearest part of the path that exists must be a folder (a link to one is fine).
  for (let path = resolve(cwd, options.outputDir); ; path = dirname(path)) {
    const info = await stat(path).catch((cause: NodeJS.ErrnoException) =>
      cause.code === 'ENOENT' || cause.code === 'ENOTDIR' ? undefined : null,
    );
    if (info === null || info?.isDirectory()) return;
    if (info) {
      const input = options.file !== undefined && resolve(cwd, options.file) === path;
      const what = input ? 'the Markdown file being built' : 'a file';
      error(
        'USAGE',
        path === resolve(cwd, options.outputDir)
          ? `The output folder ${shown(path)} is ${what}, not a folder: give a folder (-o output), or a .pdf or .pptx file name when one output is built`
          : `The output folder ${shown(options.outputDir)} cannot be made: ${shown(path)} is ${what}, not a folder`,
      );
    }
    if (dirname(path) === path) return;
  }
}
