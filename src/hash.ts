import { createHash } from 'node:crypto';

/** SHA-256 of bytes or text, as hex: manifests, releases and cache keys all use this one. */
export const sha256 = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

/** SHA-256 of several parts, each ended by a NUL so that `ab`,`c` and `a`,`bc` differ. */
export function sha256Parts(parts: Iterable<Uint8Array | string>): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return digest.digest('hex');
}
