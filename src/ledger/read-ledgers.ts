import type { VFile } from 'vfile';
import { readBriefs, type SourceOptions } from '../build/read-briefs.js';
import { error } from '../errors.js';
import { collectLedger, type Ledger } from './collect-ledger.js';

/**
 * The ledger of each selected brief, read as `check` reads it (no browser). Content with errors
 * gives no ledger: it stops with the messages, as a build would.
 */
export async function readLedgers(
  options: SourceOptions,
): Promise<{ ledgers: Ledger[]; files: VFile[] }> {
  const read = await readBriefs(options);
  if (!read.ok)
    error('CONTENT_INVALID', 'The content has errors; no ledger was written.', read.files);
  return { ledgers: read.loaded.map(collectLedger), files: read.files };
}
