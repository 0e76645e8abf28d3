/** Briefs written at run time for the hostile-input tests: each case is a folder of files. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// The same brief and stats the scaling test and the bench generate around their bodies.
export {
  hostileStats as minimalStats,
  hostileBrief as briefText,
} from '../scripts/hostile-markdown.js';

/** Writes `files` (path → text or bytes) under `root`. */
export async function writeFiles(
  root: string,
  files: Readonly<Record<string, string | Uint8Array>>,
): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}
