import { parse } from 'yaml';

/** The YAML block that opens a Markdown file: `---`, the YAML, then `---` or `...` on its own line. */
export const frontMatterPattern = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * The front matter's fields as written, read leniently for the planner: `{}` when there is none
 * or it does not parse (load reads it properly and reports the problem at its place). Light on
 * purpose: a no-op build plans without loading the validators.
 */
export function peekFrontMatter(text: string): Record<string, unknown> {
  // A byte-order mark before the `---` (load drops it too): the build's outputs are still these.
  const yaml = frontMatterPattern.exec(text.replace(/^\uFEFF/, ''))?.[1];
  if (yaml === undefined) return {};
  try {
    const parsed: unknown = parse(yaml);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
