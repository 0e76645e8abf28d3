import type { Command } from 'commander';
import { settingsFor } from '../config/command-line.js';
import { formatMessages } from '../report.js';
import { formatLedgers } from './format-ledger.js';
import { readLedgers } from './read-ledgers.js';

export interface SourcesFlags {
  json?: boolean;
  csv?: boolean;
}

/**
 * `briefkit sources [ids… | file.md]`: every figure of each brief with its value as printed, its
 * source and every place it is used, on stdout; messages go to stderr, so the ledger pipes clean.
 */
export async function sourcesCommand(
  input: { ids: string[]; file: string | undefined },
  flags: SourcesFlags,
  command: Command,
): Promise<void> {
  const settings = await settingsFor(command);
  const { ledgers, files } = await readLedgers({
    contentDir: settings.contentDir,
    ...input,
    limits: settings.document.limits,
  });
  const messages = formatMessages(files);
  if (messages) process.stderr.write(`${messages}\n`);
  process.stdout.write(formatLedgers(ledgers, flags.json ? 'json' : flags.csv ? 'csv' : 'table'));
}
