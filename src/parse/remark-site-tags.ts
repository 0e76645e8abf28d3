import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

/** A line that is one tag of a site generator: Jekyll's Liquid `{% … %}`, Hugo's and Quarto's `{{< … >}}`, `{{% … %}}`. */
const siteTag = /^(?:\{%.*%\}|\{\{<.*>\}\}|\{\{%.*%\}\})$/;

/**
 * Pages written for Jekyll, Hugo or Quarto include other files and widgets with tags their
 * generator expands (`{% include toc.html %}`, `{{< include _part.qmd >}}`); briefkit has
 * neither the generator nor the files, and printed the tags as text. A paragraph made only of
 * such tags is left out, with one info line for the document (the first, and the count).
 */
export default function remarkSiteTags() {
  return (tree: Root, file: VFile) => {
    let first: Root['children'][number] | undefined;
    let count = 0;
    visit(tree, 'paragraph', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const lines = toString(node)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (lines.length === 0 || !lines.every((line) => siteTag.test(line))) return;
      first ??= node;
      count += lines.length;
      parent.children.splice(index, 1);
      return [SKIP, index];
    });
    if (first)
      file.info(
        `${count === 1 ? 'A site generator tag is' : `${count} site generator tags (the first here) are`} left out: \`{% … %}\` (Jekyll) and \`{{< … >}}\` (Hugo, Quarto) are expanded by those tools, not by briefkit`,
        { place: first.position, ruleId: 'site-tag', source: 'briefkit' },
      );
  };
}
