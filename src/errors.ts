import type { VFile } from 'vfile';

/** Error codes a caller (or a test) can switch on; the CLI maps every one to exit code 1. */
export type ErrorCode =
  | 'CONTENT_INVALID' // content problems were reported as vfile messages
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
