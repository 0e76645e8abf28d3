import type { VFile } from 'vfile';

/** Error codes a caller (or a test) can switch on; the CLI maps them to exit codes (below). */
export type ErrorCode =
  | 'CONTENT_INVALID' // content problems were reported as vfile messages
  | 'CONFIG_INVALID' // the config file's problems were reported as vfile messages
  | 'BROWSER_NOT_FOUND'
  | 'BROWSER_FAILED'
  | 'PRINT_FAILED'
  | 'OUTPUT_FAILED' // writing into the output folder failed; what was there is kept
  | 'USAGE';

/**
 * Marks every BriefkitError, whichever copy of this module made it: the bundled pipeline
 * (build/load-pipeline.ts) has its own copy of the class, and `instanceof` still knows its errors.
 */
const briefkitError = Symbol.for('briefkit.error');

export class BriefkitError extends Error {
  override readonly name = 'BriefkitError';
  readonly [briefkitError] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Files whose messages explain the failure (reported by the CLI). */
    readonly files: readonly VFile[] = [],
  ) {
    super(message);
  }

  static override [Symbol.hasInstance](value: unknown): value is BriefkitError {
    return typeof value === 'object' && value !== null && briefkitError in value;
  }
}

export function error(code: ErrorCode, message: string, files: readonly VFile[] = []): never {
  throw new BriefkitError(code, message, files);
}

/**
 * The command line's exit codes, documented in `--help` and the README: 1 content (or config)
 * errors, 2 usage errors, 3 no browser, 4 documents that failed to print or to be written.
 */
export const exitCodes = {
  content: 1,
  usage: 2,
  noBrowser: 3,
  printFailed: 4,
} as const;

export function exitCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'CONTENT_INVALID':
    case 'CONFIG_INVALID':
      return exitCodes.content;
    case 'USAGE':
      return exitCodes.usage;
    case 'BROWSER_NOT_FOUND':
      return exitCodes.noBrowser;
    case 'BROWSER_FAILED':
    case 'PRINT_FAILED':
    case 'OUTPUT_FAILED':
      return exitCodes.printFailed;
  }
}
