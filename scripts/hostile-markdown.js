// Hostile Markdown of any size, for the scaling test (test/parse-scaling.test.ts) and
// `npm run bench`: each kind repeats one pattern that stresses a part of the parser (containers
// closing around lazy lines, unclosed emphasis and brackets, thousands of footnotes or
// directives). `accepted` kinds are valid briefs at every size, and their parse time must grow in
// proportion to their size; `bounded` kinds cross an input limit early and must be refused at the
// place where they cross it, in one pass.

/** `unit` repeated to about `bytes` characters. @param {string} unit @param {number} bytes */
const fill = (unit, bytes) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
/**
 * `unit` repeated in blocks of about 4,000 characters between blank lines, as paragraphs, lists
 * and tables come: one block without a blank line is bounded (`limits.paragraph`).
 * @param {string} unit @param {number} bytes
 */
const blocks = (unit, bytes) => {
  const block = fill(unit, 4_000);
  return Array.from({ length: Math.max(1, Math.round(bytes / block.length)) }, () => block).join(
    '\n\n',
  );
};
/** @param {number} bytes @param {number} each @param {(index: number) => string} make */
const numbered = (bytes, each, make) =>
  Array.from({ length: Math.max(1, Math.floor(bytes / each)) }, (_, index) => make(index)).join('');

/** Valid briefs of every size: processing time stays in proportion to size. */
export const accepted = {
  paragraphs: (bytes) => fill('An ordinary sentence, then another one of a paragraph.\n\n', bytes),
  'long lines': (bytes) => blocks('A sentence on one line that goes on and on. ', bytes),
  'list items': (bytes) => blocks('- an item\n', bytes),
  'loose list': (bytes) => fill('- an item\n\n', bytes),
  'quote lines': (bytes) => blocks('> a quoted line\n', bytes),
  'lazy quote lines': (bytes) => fill('> a quoted line\nand a lazy one\n\n', bytes),
  'table rows': (bytes) =>
    blocks('| a | b |\n| - | - |\n'.concat(fill('| 1 | 2 |\n', 3_000)), bytes),
  headings: (bytes) => numbered(bytes, 22, (index) => `## Heading ${index}\n\ntext\n\n`),
  'same headings': (bytes) => fill('## Same\n\ntext\n\n', bytes),
  'closed emphasis and links': (bytes) => blocks('*a* _b_ **c** [d](#section) ', bytes),
  'unclosed emphasis': (bytes) => fill(`${'*a _b '.repeat(8)}\n\n`, bytes),
  'unmatched closers': (bytes) => blocks('a* b_ ', bytes),
  'unclosed links': (bytes) => blocks('[a](b ', bytes),
  // Paragraphs up to `limits.paragraph` are linear too where micromark's text resolver is.
  'one paragraph of unclosed links': (bytes) => fill('[a](b ', Math.min(bytes, 45_000)),
  'star underscore bracket': (bytes) => fill(`${'*_['.repeat(20)}\n\n`, bytes),
  'code spans': (bytes) => blocks('`a` ', bytes),
  'unclosed backticks': (bytes) => blocks('`a ', bytes),
  'HTML elements': (bytes) => blocks('<b>x</b> ', bytes),
  'dollar amounts': (bytes) => blocks('$1 and $2, ', bytes),
  footnotes: (bytes) => {
    const count = Math.max(1, Math.floor(bytes / 40));
    const refs = Array.from({ length: count }, (_, index) => `Text[^f${index}].`);
    const notes = Array.from({ length: count }, (_, index) => `[^f${index}]: Note ${index}.`);
    return `${refs.join('\n\n')}\n\n${notes.join('\n')}`;
  },
  'inline footnotes': (bytes) => blocks('a^[a note] ', bytes),
  'stat directives': (bytes) => blocks(':stat[gdp] ', bytes),
  'key figures': (bytes) => fill('::key-figure{stat=gdp}\n\n', bytes),
  'fenced divs': (bytes) => fill(':::note\ntext\n:::\n\n', bytes),
  // A tenth of the size: 100,000 characters of definitions would cross `limits.definitions`.
  definitions: (bytes) => fill('Term\n: its definition\n\n', bytes / 10),
  'code blocks': (bytes) => fill('```js\nlet a = 1;\n```\n\n', bytes),
};

/** Input that crosses a limit (nesting, definitions, size): refused where it does, in one pass. */
export const bounded = {
  'nested list': (bytes) => `${fill('- ', bytes)}x`,
  'nested quotes': (bytes) => `${fill('> ', bytes)}x`,
  'star underscore bracket line': (bytes) => fill('*_[', bytes),
  'unclosed emphasis line': (bytes) => fill('*a _b ', bytes),
  'unclosed brackets': (bytes) => fill('[', bytes),
  'unclosed HTML': (bytes) => fill('<span>', bytes),
  'one long paragraph': (bytes) => fill('*a* _b_ a* [c](d ', bytes),
  'one long list': (bytes) => fill('- an item\n', bytes),
  definitions: (bytes) => fill('Term\n: its definition\n\n', bytes),
};

/** A brief.md around `body`, with one stat (`gdp`) for the directives; `front` adds front-matter lines. */
export const hostileBrief = (body, front = '') =>
  `---\ntitle: Hostile Case\ndate: 2026-01-01\noutputs: [brief]\n${front}---\n\n## Section\n\nOutput was :stat[gdp].\n\n${body}\n`;

export const hostileStats = `sources:
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
