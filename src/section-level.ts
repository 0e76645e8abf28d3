/**
 * The document's main heading level, which makes its sections (and its slides): the shallowest
 * level used, H1 for a document in chapters, H3 for a memo written in H3–H5. A single heading
 * above all the others (a `# Title` over `##` sections) names the document and is not a section.
 * Briefs without headings keep H2.
 */
export function sectionLevel(depths: readonly number[]): number {
  if (depths.length === 0) return 2;
  const top = Math.min(...depths);
  const below = depths.filter((depth) => depth > top);
  const single = depths.filter((depth) => depth === top).length === 1 && depths[0] === top;
  return single && below.length > 0 ? Math.min(...below) : top;
}

/** The heading depth of an HTML tag name (`h3` → 3), or undefined for anything else. */
export function headingDepth(tagName: string): number | undefined {
  const match = /^h([1-6])$/.exec(tagName);
  return match ? Number(match[1]) : undefined;
}
