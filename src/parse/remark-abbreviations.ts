import type { PhrasingContent, Root } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** `*[HTML]: Hyper Text Markup Language`: PHP Markdown Extra's, kramdown's, markdown-it-abbr's. */
const definition = /^ {0,3}\*\[([^\]\n]+)\]:[ \t]*(.*?)[ \t]*$/;

/**
 * Abbreviation definitions as PHP Markdown Extra, kramdown and markdown-it-abbr read them: a
 * paragraph made only of `*[term]: expansion` lines is taken out of the text (CommonMark would
 * print it), and every use of a term elsewhere, as a whole word and in the same case, becomes
 * `<abbr title="expansion">`. Lines are read from the source, so the `*` never counts as
 * emphasis; code, links' URLs and headings' ids are untouched.
 */
export default function remarkAbbreviations() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    if (!source.includes('*[')) return;
    const terms = new Map<string, string>();
    visit(tree, 'paragraph', (node, index, parent) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (!parent || index === undefined || start === undefined || end === undefined) return;
      const lines = source.slice(start, end).split(/\r?\n/);
      const found = lines.map((line) => definition.exec(line));
      if (found.some((match) => match === null)) return;
      for (const match of found) if (match?.[1]) terms.set(match[1].trim(), match[2] ?? '');
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
    const used = [...terms].filter(([term, title]) => term !== '' && title !== '');
    if (used.length === 0) return;
    // Longest first, so `HTML5` wins over `HTML`.
    const alternatives = used
      .map(([term]) => term)
      .sort((a, b) => b.length - a.length)
      .map((term) => term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const titles = new Map(used);
    findAndReplace(
      tree,
      [
        new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'gu'),
        (term: string): PhrasingContent => ({
          type: 'emphasis',
          data: { hName: 'abbr', hProperties: { title: titles.get(term) ?? '' } },
          children: [{ type: 'text', value: term }],
        }),
      ],
      { ignore: ['inlineCode', 'code', 'definition'] },
    );
  };
}
