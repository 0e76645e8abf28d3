import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Labels } from '../labels.js';

const kinds = {
  note: 'alertNote',
  tip: 'alertTip',
  important: 'alertImportant',
  warning: 'alertWarning',
  caution: 'alertCaution',
} as const satisfies Record<string, keyof Labels>;

/**
 * GitHub's alerts (`> [!WARNING]`) arrive titled with the marker as written; the title a reader
 * sees is the brief's language's word for the kind (the stylesheet sets its case).
 */
export function titleAlerts(tree: Root, labels: Labels): void {
  visit(tree, 'element', (node) => {
    const kind = classes(node)
      .map((name) => /^markdown-alert-(\w+)$/.exec(name)?.[1])
      .find((name): name is keyof typeof kinds => name !== undefined && name in kinds);
    if (!kind) return;
    const title = node.children.find(
      (child): child is Element =>
        child.type === 'element' && classes(child).includes('markdown-alert-title'),
    );
    // Only the kind's own word is replaced: a callout's title (Quarto's `title="…"`, a
    // markdown-it `::: tip Title`) is the writer's.
    if (title && toString(title).trim().toLowerCase() === kind)
      title.children = [{ type: 'text', value: labels[kinds[kind]] }];
  });
}

function classes(node: Element): string[] {
  const names = node.properties.className;
  return Array.isArray(names) ? names.map(String) : [];
}
