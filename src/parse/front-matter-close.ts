import type { VFile } from 'vfile';
import { frontMatterPattern } from '../load/front-matter-block.js';

/**
 * Pandoc's front matter may end with `...` (YAML's end of document, as the CommonMark spec's
 * does), which remark-frontmatter does not know: it would read on to the next `---` line and
 * take everything before it for YAML, never printed. Load reads the block as far as the first
 * `---` or `...`; the same closing line is rewritten to `---` here, at the same length, so the
 * parser ends the block there too and every later line and column stays as written.
 */
export function closeFrontMatter(file: VFile): void {
  const source = String(file.value);
  const block = frontMatterPattern.exec(source)?.[0];
  if (block === undefined) return;
  const close = block.search(/\n\.\.\.[ \t]*(?:\r?\n)?$/);
  if (close === -1) return;
  file.value = `${source.slice(0, close + 1)}---${source.slice(close + 4)}`;
}
