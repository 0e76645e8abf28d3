import type { Limits } from '../load/limits.js';
import { formatLedgers } from '../ledger/format-ledger.js';
import { readLedgers } from '../ledger/read-ledgers.js';

/** A brief's sources ledger as a release attaches it. */
export interface LedgerFile {
  /** File name on the release: `<brief>-sources.csv`. */
  name: string;
  brief: string;
  /** Rows of the ledger: stats, series and sources cited with `:cite`. */
  figures: number;
  text: string;
}

/**
 * The ledger of each released brief, as `briefkit sources <id> --csv` prints it, so a
 * fact-checker has every figure of the released documents beside them. Read from the content
 * (no browser), so a collected release writes the same files as one build.
 */
export async function ledgerFiles(options: {
  contentDir: string;
  cwd: string;
  briefs: readonly string[];
  limits: Limits;
}): Promise<LedgerFile[]> {
  if (options.briefs.length === 0) return [];
  const { ledgers } = await readLedgers({
    contentDir: options.contentDir,
    ids: options.briefs,
    cwd: options.cwd,
    limits: options.limits,
  });
  return ledgers.map((ledger) => ({
    name: `${ledger.brief}-sources.csv`,
    brief: ledger.brief,
    figures: ledger.entries.length,
    text: formatLedgers([ledger], 'csv'),
  }));
}
