import type { VFile } from 'vfile';

/** Error codes a caller (or a test) can switch on; the CLI maps every one to exit code 1. */
export type ErrorCode =
  | 'CONTENT_INVALID' // content problems were reported as vfile messages
  | 'BROWSER_NOT_FOUND'
  | 'BROWSER_FAILED'
  | 'PRINT_FAILED'
  | 'OUTPUT_FAILED' // writing into the output folder failed; what was there is kept
  | 'USAGE';

export class BriefkitError extends Error {
  override readonly name = 'BriefkitError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Files whose messages explain the failure (reported by the CLI). */
    readonly files: readonly VFile[] = [],
  ) {
    super(message);
  }
}

export function error(code: ErrorCode, message: string, files: readonly VFile[] = []): never {
  throw new BriefkitError(code, message, files);
}

/**
 * By name and code, not `instanceof`: the bundled pipeline (engine/load-pipeline.ts) has its own
 * copy of this class.
 */
export const isBriefkitError = (value: unknown): value is BriefkitError =>
  value instanceof Error &&
  value.name === 'BriefkitError' &&
  typeof (value as { code?: unknown }).code === 'string' &&
  Array.isArray((value as { files?: unknown }).files);
