/** The spans of a CSS `unicode-range` (`U+0000-00FF, U+0131, U+4??`); empty when unreadable. */
function spansOf(range: string): (readonly [number, number])[] {
  return range.split(',').flatMap((part) => {
    const token = part.trim().replace(/^u\+/i, '');
    const [from, to] = token.includes('-')
      ? token.split('-')
      : [token.replace(/\?/g, '0'), token.replace(/\?/g, 'F')];
    const low = Number.parseInt(from ?? '', 16);
    const high = Number.parseInt(to ?? '', 16);
    return Number.isNaN(low) || Number.isNaN(high) ? [] : [[low, high] as const];
  });
}

/**
 * Whether a CSS `unicode-range` covers any of `used`: the faces of a font that a page can draw
 * its text with.
 */
export function unicodeRangeUsed(range: string, used: ReadonlySet<number>): boolean {
  const spans = spansOf(range);
  // A range that cannot be read is kept: a missing face is worse than a larger file.
  if (spans.length === 0) return true;
  for (const point of used)
    if (spans.some(([low, high]) => point >= low && point <= high)) return true;
  return false;
}

/** The characters of `used` that a `unicode-range` covers, as text; all of them when unreadable. */
export function charactersInRange(range: string, used: ReadonlySet<number>): string {
  const spans = spansOf(range);
  const inside = [...used].filter(
    (point) => spans.length === 0 || spans.some(([low, high]) => point >= low && point <= high),
  );
  return String.fromCodePoint(...inside);
}
