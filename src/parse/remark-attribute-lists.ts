import type { Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/** Pandoc's `{#id .class key="v" -}` (and kramdown's `{: #id .class}`), never printed. */
const attributeList =
  /\{:?[ \t]*(?:(?:[#.][\w:.-]+|[\w-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}"']*)|-)[ \t]*)+\}/;
/** A line that is only a kramdown attribute list, reference or extension: `{:toc}`, `{::options …/}`. */
const kramdownLine = /^[ \t]*\{:[^}\n]*\}[ \t]*$/;
/** What a contents list is called where a writer asks for one. */
export const tocMarker = 'bk-toc-here';

/**
 * Attribute lists written for Pandoc, Quarto and kramdown. On a heading (`## Method {#sec-m}`,
 * or kramdown's `{: #m}` on the line after it) the id is the heading's and the list is dropped;
 * kramdown lists on lines of their own (`{:.lead}`, `{::options …/}`) and right after inline
 * markup (`[a](u){:target="_blank"}`, `![x](a.png){width=50%}`) are dropped, an image's
 * `fig-alt` becoming its alt text; kramdown's
 * `{:toc}` list, and `{:toc}` alone, become the place of a contents list.
 */
export default function remarkAttributeLists() {
  return (tree: Root) => {
    visit(tree, 'heading', (node) => void takeHeadingList(node));
    visit(tree, (node, index, parent) => {
      if (!parent || index === undefined) return;
      const previous = index > 0 ? parent.children[index - 1] : undefined;
      if (node.type === 'list' && node.children.length === 1 && endsWithToc(node)) {
        parent.children[index] = tocPlace(node);
        return SKIP;
      }
      if (node.type !== 'paragraph') return;
      const { kept, lists } = dropKramdownLines(node);
      if (lists.length === 0) return;
      if (lists.some((list) => /^\{:\s*toc\s*\}$/.test(list.trim())) && kept.length === 0) {
        parent.children[index] = tocPlace(node);
        return SKIP;
      }
      // `{: #id}` on the line after a heading names that heading.
      const id = lists.map(idOf).find(Boolean);
      if (id && previous?.type === 'heading' && kept.length === 0) setId(previous, id);
      if (kept.length === 0) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      node.children = kept;
      return undefined;
    });
    // Lists right after inline markup: `*word*{:.x}`, `[a](u){:target="_blank"}`, `![x](y){width=50%}`.
    visit(tree, 'text', (node, index, parent) => {
      if (!parent || index === undefined || index === 0) return;
      if (parent.children[index - 1]?.type === 'text') return;
      const match = new RegExp(`^${attributeList.source}`).exec(node.value);
      if (!match) return;
      node.value = node.value.slice(match[0].length);
      const image = parent.children[index - 1];
      // Pandoc's `{width=50%}`, `{width=2in}`, `{height=3cm}`: the size it is drawn at.
      if (image?.type === 'image') {
        const size = imageSize(match[0]);
        if (size)
          image.data = { ...image.data, hProperties: { ...image.data?.hProperties, ...size } };
      }
      // Quarto's `![Caption](a.png){fig-alt="…"}`: the alt text a screen reader reads.
      const alt = /(?:^|[\s{])fig-alt=(?:"([^"\n]*)"|'([^'\n]*)'|([^\s}"']+))/.exec(match[0]);
      if (image?.type !== 'image' || !alt) return;
      const caption = image.alt ?? '';
      image.alt = alt[1] ?? alt[2] ?? alt[3] ?? caption;
      // An image alone in its paragraph is a figure, its bracket text the caption.
      const alone =
        parent.type === 'paragraph' && parent.children.length === 2 && !node.value.trim();
      if (!alone || !caption.trim() || caption === image.alt) return;
      parent.data = { ...parent.data, hName: 'figure', hProperties: { className: ['bk-figure'] } };
      parent.children[index] = {
        type: 'emphasis',
        data: { hName: 'figcaption' },
        children: [{ type: 'text', value: caption }],
      };
    });
  };
}

function takeHeadingList(node: Heading): void {
  const last = node.children.at(-1);
  if (last?.type !== 'text') return;
  const match = new RegExp(`[ \\t]*(${attributeList.source})[ \\t]*$`).exec(last.value);
  if (!match) return;
  last.value = last.value.slice(0, match.index);
  if (last.value === '') node.children.pop();
  const id = idOf(match[1] ?? '');
  if (id) setId(node, id);
}

function setId(node: Heading, id: string): void {
  node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
}

const idOf = (list: string): string | undefined => /(?:^|[\s{:])#([\w:.-]+)/.exec(list)?.[1];

/** The paragraph's lines that are kramdown attribute lists, and what is left without them. */
function dropKramdownLines(node: Paragraph): { kept: PhrasingContent[]; lists: string[] } {
  const lists: string[] = [];
  const kept: PhrasingContent[] = [];
  for (const child of node.children) {
    if (child.type !== 'text' || !child.value.includes('{:')) {
      kept.push(child);
      continue;
    }
    const lines = child.value.split('\n');
    const rest = lines.filter((line) => {
      if (!kramdownLine.test(line)) return true;
      lists.push(line);
      return false;
    });
    if (rest.length === lines.length) kept.push(child);
    else if (rest.join('').trim() !== '') kept.push({ ...child, value: rest.join('\n') } as Text);
  }
  // A line break left dangling at either end by a dropped line goes too.
  while (kept.at(-1)?.type === 'break') kept.pop();
  if (kept.at(-1)?.type === 'text') {
    const last = kept.at(-1) as Text;
    last.value = last.value.replace(/\n+$/, '');
  }
  return { kept: lists.length > 0 ? kept : node.children, lists };
}

/** kramdown's `* TOC` list: one item whose text ends with a `{:toc}` line. */
function endsWithToc(node: RootContent): boolean {
  return /\n[ \t]*\{:\s*toc\s*\}\s*$/.test(toString(node as Nodes));
}

function tocPlace(node: RootContent): RootContent {
  return {
    type: 'paragraph',
    position: node.position,
    children: [],
    data: { hName: 'div', hProperties: { className: [tocMarker] } },
  };
}

/** CSS pixels in one of each unit Pandoc takes (`px` when none is written). */
const pixelsPer: Record<string, number> = {
  px: 1,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
  pt: 96 / 72,
};

/**
 * An image's `width` and `height` as HTML attributes: pixels, or a percentage of the text block
 * for a width (a percentage height has nothing to be a share of, and is left out). The
 * stylesheet still keeps the image inside the text block.
 */
export function imageSize(list: string): { width?: string; height?: string } | undefined {
  const size: { width?: string; height?: string } = {};
  for (const key of ['width', 'height'] as const) {
    const value = new RegExp(
      `(?:^|[\\s{])${key}=["']?([\\d.]+)(%|px|in|cm|mm|pt)?["']?(?=[\\s}])`,
    ).exec(list);
    const number = Number(value?.[1]);
    if (!value || !(number > 0)) continue;
    const unit = value[2] ?? 'px';
    if (unit === '%') {
      if (key === 'width') size.width = `${Math.min(number, 100)}%`;
    } else size[key] = String(Math.round(number * (pixelsPer[unit] ?? 1)));
  }
  return size.width || size.height ? size : undefined;
}
