import type { Command } from 'commander';
import { settingsFor } from '../config/command-line.js';
import { displayPath } from '../config/settings.js';
import type { Paper } from '../paper.js';
import { startPreview } from './server.js';

export interface PreviewFlags {
  port: number;
  strictPort?: boolean;
  pdf: boolean;
  allowOverflow?: boolean;
  paper?: Paper;
}

/** `briefkit preview [ids…]`: serves until Ctrl-C. */
export async function previewCommand(
  ids: string[],
  flags: PreviewFlags,
  command: Command,
): Promise<void> {
  const cwd = process.cwd();
  const settings = await settingsFor(command, cwd);
  const preview = await startPreview({
    cwd,
    contentDir: settings.contentDir,
    outputDir: settings.outputDir,
    ids,
    port: flags.port,
    strictPort: flags.strictPort,
    pdf: flags.pdf,
    document: settings.document,
    configFile: settings.config.file,
    reloadSettings: async () => (await settingsFor(command, cwd)).document,
    // Background builds run `briefkit build` with the same config and document flags.
    buildArgs: [
      ...(settings.config.file ? ['--config', settings.config.file] : []),
      ...(flags.paper ? ['--paper', flags.paper] : []),
      ...(flags.allowOverflow ? ['--allow-overflow'] : []),
    ],
  });
  const watched = [settings.contentDir, ...(settings.config.file ? [settings.config.file] : [])]
    .map((path) => displayPath(cwd, path))
    .join(', ');
  process.stderr.write(
    `briefkit preview at ${preview.url}\n` +
      `watching ${watched} and the templates; ` +
      (flags.pdf
        ? `PDFs are rebuilt into ${displayPath(cwd, settings.outputDir)}/ after each change. `
        : 'PDFs are not rebuilt (--no-pdf). ') +
      'Ctrl-C stops.\n',
  );
}
