import type {
  BlockContent,
  Blockquote,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
} from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { knownDirectives } from './remark-blocks.js';

/** Callout kinds as Quarto (`callout-note`) and markdown-it containers (`::: danger`) name them. */
const calloutKinds: Record<string, string> = {
  note: 'note',
  info: 'note',
  tip: 'tip',
  hint: 'tip',
  important: 'important',
  warning: 'warning',
  attention: 'warning',
  caution: 'caution',
  danger: 'caution',
  error: 'caution',
};

/**
 * Pandoc and Quarto fenced divs and markdown-it containers (made directives by
 * fenced-div-lines.ts): a callout kind prints as a titled callout, styled as GitHub's alerts
 * (`markdown-alert-note` …); any other div shows its content, never its fences. Its title is
 * `title="…"`, else the text after the kind (`::: tip Title`), else Quarto's leading heading,
 * else the kind. Runs before remark-blocks, which would call these names unknown.
 */
export default function remarkFencedDivs() {
  return (tree: Root, file: VFile) => {
    const rewritten = file.data.fencedDivLines ?? new Set<number>();
    const own = knownDirectives.containerDirective as readonly string[];
    visit(tree, 'containerDirective', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const fenced = rewritten.has(node.position?.start.line ?? 0);
      if (own.includes(node.name) && !fenced) return;
      const classes = (node.attributes?.class ?? '').split(/\s+/).filter(Boolean);
      const kind =
        calloutKinds[classes.find((name) => name.startsWith('callout-'))?.slice(8) ?? ''] ??
        // `::: callout-note`: Quarto's class written bare, as its own docs write it.
        (fenced && node.name !== 'd'
          ? calloutKinds[node.name.toLowerCase().replace(/^callout-/, '')]
          : undefined) ??
        (!fenced ? calloutKinds[node.name] : undefined);
      if (!fenced && !kind) return; // an unknown directive: remark-blocks reports it
      if (fenced && !kind && own.includes(node.name)) return; // `::: summary`: briefkit's own
      // Quarto shows `.dark-content` in a dark theme only: paper is light, as `.light-content` is.
      if (fenced && (classes.includes('dark-content') || node.name === 'dark-content')) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const table = classes.includes('list-table') ? listTable(node) : undefined;
      if (table) node.children = table as ContainerDirective['children'];
      parent.children[index] = kind ? callout(node, kind) : plainDiv(node);
      return [SKIP, index];
    });
  };
}

function callout(node: ContainerDirective, kind: string): Blockquote {
  const children = [...node.children];
  let title: PhrasingContent[] = [];
  const label = children[0];
  if (label?.type === 'paragraph' && label.data && 'directiveLabel' in label.data) {
    title = label.children;
    children.shift();
  } else if (node.attributes?.title) {
    title = [{ type: 'text', value: node.attributes.title }];
  } else if (children[0]?.type === 'heading') {
    title = children[0].children;
    children.shift();
  }
  if (title.length === 0 || toString({ type: 'paragraph', children: title }).trim() === '')
    title = [{ type: 'text', value: kind.charAt(0).toUpperCase() + kind.slice(1) }];
  const heading: Paragraph = {
    type: 'paragraph',
    children: title,
    data: { hProperties: { className: ['markdown-alert-title'] } },
  };
  return {
    type: 'blockquote',
    position: node.position,
    children: [heading, ...(children as BlockContent[])],
    data: {
      hName: 'div',
      hProperties: { className: ['markdown-alert', `markdown-alert-${kind}`] },
    },
  };
}

/** Its content, in a plain div; its id kept so links to it resolve; its classes not (they could
 * be briefkit's own). */
function plainDiv(node: ContainerDirective): Blockquote {
  const id = node.attributes?.id;
  return {
    type: 'blockquote',
    position: node.position,
    children: node.children as BlockContent[],
    data: { hName: 'div', hProperties: { className: ['bk-div'], ...(id ? { id } : {}) } },
  };
}

/**
 * Pandoc's list-table (Quarto's too): an optional caption paragraph, then a list of rows, each a
 * list of cells, becomes that caption and a table (its first row the header, as `header-rows=1`,
 * the default, asks). Undefined when the div is not shaped so: then its content shows as written.
 */
function listTable(node: ContainerDirective): RootContent[] | undefined {
  const children = node.children.filter(
    (child) => !(child.type === 'paragraph' && child.data && 'directiveLabel' in child.data),
  );
  const list = children.at(-1);
  const caption = children.length === 2 ? children[0] : undefined;
  if (list?.type !== 'list' || children.length > 2 || (caption && caption.type !== 'paragraph'))
    return undefined;
  const rows = list.children.map((item) => {
    const cells = item.children.length === 1 ? item.children[0] : undefined;
    return cells?.type === 'list' ? cells.children.map((cell) => tableCell(cell.children)) : [];
  });
  if (rows.some((row) => row.length === 0)) return undefined;
  const width = Math.max(...rows.map((row) => row.length));
  const table: Table = {
    type: 'table',
    align: Array.from({ length: width }, () => null),
    children: rows.map((row) => ({
      type: 'tableRow',
      children: [...row, ...Array.from({ length: width - row.length }, () => tableCell([]))],
    })),
  };
  if (list.position) table.position = list.position;
  if (caption) caption.data = { hProperties: { className: ['bk-table-caption'] } };
  return caption ? [caption, table] : [table];
}

/** A cell of its blocks; one paragraph's words alone, as a GFM table's cells hold them. */
function tableCell(blocks: readonly RootContent[]): TableCell {
  const only = blocks.length === 1 ? blocks[0] : undefined;
  const children = only?.type === 'paragraph' ? only.children : blocks;
  return { type: 'tableCell', children: children as TableCell['children'] };
}
