/** Briefs written at run time for the hostile-input tests: each case is a folder of files. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const minimalStats = `sources:
  src:
    publisher: Example Office
    title: Example Figures
    url: https://example.org/figures
stats:
  gdp:
    label: Output
    value: 1200
    source: src
`;

/** A valid brief whose body is `body`; front matter lines may be added. */
export const briefText = (body: string, front = ''): string =>
  `---\ntitle: Hostile Case\ndate: 2026-01-01\noutputs: [brief]\n${front}---\n\n## Section\n\nOutput was :stat[gdp].\n\n${body}\n`;

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
