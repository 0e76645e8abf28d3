import type { VFile } from 'vfile';

/** Error codes a caller (or a test) can switch on; the CLI maps them to exit codes (below). */
export type ErrorCode =
  | 'CONTENT_INVALID' // content problems were reported as vfile messages
  | 'CONFIG_INVALID' // the config file's problems were reported as vfile messages
  | 'BROWSER_NOT_FOUND'
  | 'BROWSER_FAILED'
  | 'PRINT_FAILED'
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

/**
 * The command line's exit codes, documented in `--help` and the README: 1 content (or config)
 * errors, 2 usage errors, 3 no browser, 4 documents that failed to print.
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
      return exitCodes.printFailed;
  }
}
