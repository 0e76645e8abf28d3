import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** Diagram languages other tools draw; briefkit prints their source as code. */
export const diagramLanguages = ['mermaid', 'dot', 'graphviz', 'plantuml', 'd2'];

/** Printed as they are, with no warning: diagrams, and TeX (no grammar bundled for it). */
export const plainLanguages = [...diagramLanguages, 'tex', 'latex', 'text', 'txt', 'plain'];

/**
 * Fence info strings written for Quarto and Pandoc: ```` ```{python} ````, ```` ```{{r}} ````
 * (a cell shown as written), ```` ```{.python filename="x.py"} ````, ```` ```{mermaid} ````. The
 * language is the name inside the braces (a leading dot dropped), the attributes stay as the
 * fence's meta. Diagrams are printed as their source with one info line per diagram language
 * (its first block and the count), not a warning per block.
 */
export default function remarkCodeFences() {
  return (tree: Root, file: VFile) => {
    // Each diagram language: its first block and how many there are.
    const diagrams = new Map<string, { first: Code; count: number }>();
    visit(tree, 'code', (node) => {
      if (node.lang?.startsWith('{')) {
        const info = `${node.lang} ${node.meta ?? ''}`.trim();
        const inside = /^\{+\s*([^}]*?)\s*\}+\s*(.*)$/.exec(info);
        const [first = '', ...rest] = (inside?.[1] ?? '').split(/\s+/);
        const name = /^\.?([\w+#-]+)$/.exec(first)?.[1];
        node.lang = name ? name.toLowerCase() : null;
        const meta = [...(name ? rest : [first, ...rest]), inside?.[2] ?? ''].join(' ').trim();
        node.meta = meta || null;
      }
      const language = node.lang?.toLowerCase();
      if (language && diagramLanguages.includes(language)) {
        const seen = diagrams.get(language);
        if (seen) seen.count++;
        else diagrams.set(language, { first: node, count: 1 });
      }
    });
    for (const [language, { first, count }] of diagrams) {
      const what = count === 1 ? 'diagram is' : `diagrams (${count}, the first here) are`;
      file.info(
        `\`${language}\` ${what} printed as source code: briefkit draws no diagrams (export one as an image into assets/ to show it drawn)`,
        { place: first.position, ruleId: 'diagram-source', source: 'briefkit' },
      );
    }
  };
}
