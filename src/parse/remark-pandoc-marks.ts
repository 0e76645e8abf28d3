import type { Paragraph, PhrasingContent, Root } from 'mdast';
import { findAndReplace } from 'mdast-util-find-and-replace';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Pandoc's marks that other Markdown writers use too: `H~2~O` and `19^th^` (no spaces inside,
 * as Pandoc reads them), markdown-it's `==marked==` and `++inserted++`, and a `\newpage` or
 * `\pagebreak` paragraph (a page break).
 */
export default function remarkPandocMarks() {
  return (tree: Root) => {
    findAndReplace(tree, [
      [/\^([^\s^]+)\^/g, (_: string, text: string) => mark('sup', text)],
      [/~([^\s~]+)~/g, (_: string, text: string) => mark('sub', text)],
      // markdown-it's (and Obsidian's, Typora's) highlight and insertion: `==text==`, `++text++`,
      // no space inside; `a == b`, `C++` and `x++ + ++y` stay as written.
      [
        /(?<![\w=])==([^\s=](?:[^=\n]*?[^\s=])?)==(?!=)/g,
        (_: string, text: string) => mark('mark', text),
      ],
      [
        /(?<![\w+])\+\+([^\s+](?:[^+\n]*?[^\s+])?)\+\+(?![\w+])/g,
        (_: string, text: string) => mark('ins', text),
      ],
    ]);
    visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (!parent || index === undefined || only?.type !== 'text') return;
      if (!/^\\(newpage|pagebreak|clearpage)$/.test(only.value.trim())) return;
      parent.children[index] = {
        type: 'thematicBreak',
        position: node.position,
        data: { hName: 'div', hProperties: { className: ['bk-page-break'] } },
      };
      return SKIP;
    });
  };
}

function mark(tagName: 'sub' | 'sup' | 'mark' | 'ins', text: string): PhrasingContent {
  // mdast has no node for these: an emphasis node rendered as the HTML element.
  return { type: 'emphasis', data: { hName: tagName }, children: [{ type: 'text', value: text }] };
}
