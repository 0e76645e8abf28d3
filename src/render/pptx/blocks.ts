import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { mathRuns } from './math-runs.js';

/** A run of text with its inline style: the unit of a PowerPoint paragraph. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  superscript?: boolean;
  subscript?: boolean;
  href?: string;
  /** A line break inside the paragraph (`<br>`). */
  lineBreak?: boolean;
}

export interface Paragraph {
  runs: Run[];
  /** Bullet or number, and the list's depth (0 at the top). */
  list?: { ordered: boolean; level: number };
  heading?: boolean;
  quote?: boolean;
  /** A displayed formula, centred as in the PDF. */
  display?: boolean;
}

/** What a slide's body is made of, in reading order; each becomes one native PowerPoint object. */
export type Block =
  | { kind: 'text'; paragraphs: Paragraph[] }
  | { kind: 'table'; header: Run[][]; rows: Run[][][] }
  /**
   * A picture; `size` (inches) when the author gave one (Marp's `w:300`), else it fills its box;
   * `href` when it is a link (a README's button).
   */
  | { kind: 'image'; src: string; alt: string; size?: { w?: number; h?: number }; href?: string }
  | { kind: 'chart'; index: number }
  | { kind: 'code'; text: string }
  /**
   * What a slide shows in place of a picture on the web (src/model/slide-images.ts): its
   * description, why it is missing and its address, in a dashed frame as in deck.pdf.
   */
  | { kind: 'web'; lines: { text: string; alt: boolean }[] }
  /**
   * A displayed formula: a picture of KaTeX's rendering when the build has one (see
   * formula-sheet.ts), named by its TeX source; else its text runs, centred.
   */
  | { kind: 'math'; tex: string; katex: Element; runs: Run[] };

const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const containers = new Set(['div', 'section', 'article', 'aside', 'figure', 'main', 'details']);

/** Reads a slide body's tree into blocks: consecutive prose is one text box, the rest stands alone. */
export function slideBlocks(tree: Root | Element): Block[] {
  const blocks: Block[] = [];
  const paragraphs = (): Paragraph[] => {
    const last = blocks.at(-1);
    if (last?.kind === 'text') return last.paragraphs;
    const fresh: Paragraph[] = [];
    blocks.push({ kind: 'text', paragraphs: fresh });
    return fresh;
  };
  const visit = (nodes: readonly (RootContent | ElementContent)[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        if (node.value.trim()) paragraphs().push({ runs: [{ text: node.value.trim() }] });
        continue;
      }
      if (node.type !== 'element') continue;
      const chart = node.properties.dataChart;
      if (chart !== undefined && chart !== null) {
        blocks.push({ kind: 'chart', index: Number(chart) });
      } else if (node.tagName === 'img') {
        blocks.push(imageBlock(node));
      } else if (node.tagName === 'table') {
        blocks.push(tableBlock(node));
      } else if (node.tagName === 'pre') {
        blocks.push({ kind: 'code', text: toString(node).replace(/\n$/, '') });
      } else if (node.tagName === 'ul' || node.tagName === 'ol') {
        listParagraphs(node, 0, paragraphs());
      } else if (node.tagName === 'p' || headings.has(node.tagName)) {
        // A paragraph holding only images (each bare or a link) is those images.
        const images = pictures(node);
        if (images.length > 0 && !toString(node).trim())
          blocks.push(...images.map(({ image, href }) => imageBlock(image, href)));
        else
          paragraphs().push({
            runs: inlineRuns(node.children),
            heading: headings.has(node.tagName),
          });
      } else if (node.tagName === 'blockquote') {
        const before = paragraphs().length;
        visit(node.children);
        for (const paragraph of paragraphs().slice(before)) paragraph.quote = true;
      } else if (hasClass(node, 'bk-web-picture')) {
        const lines = node.children.flatMap((child) =>
          child.type === 'element' && toString(child).trim()
            ? [{ text: toString(child).trim(), alt: hasClass(child, 'bk-web-picture-alt') }]
            : [],
        );
        blocks.push({ kind: 'web', lines });
      } else if (containers.has(node.tagName) || node.tagName === 'figcaption') {
        visit(node.children);
      } else if (hasClass(node, 'katex-display')) {
        const katex = node.children.find(
          (child): child is Element => child.type === 'element' && isKatex(child),
        );
        if (katex)
          blocks.push({ kind: 'math', tex: texSource(katex), katex, runs: inlineRuns([node]) });
      } else {
        paragraphs().push({ runs: inlineRuns([node]) });
      }
    }
  };
  visit(tree.children);
  return blocks.filter((block) => block.kind !== 'text' || block.paragraphs.length > 0);
}

function listParagraphs(list: Element, level: number, into: Paragraph[]): void {
  const ordered = list.tagName === 'ol';
  for (const item of list.children) {
    if (item.type !== 'element' || item.tagName !== 'li') continue;
    const inline = item.children.filter(
      (child) => !(child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')),
    );
    into.push({ runs: inlineRuns(inline), list: { ordered, level } });
    for (const child of item.children) {
      if (child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol'))
        listParagraphs(child, level + 1, into);
    }
  }
}

/** A paragraph's pictures, bare or as links (`[![button](b.svg)](https://…)`), in order. */
function pictures(paragraph: Element): { image: Element; href?: string }[] {
  return paragraph.children.flatMap((child) => {
    if (child.type !== 'element') return [];
    if (child.tagName === 'img') return [{ image: child }];
    if (child.tagName !== 'a') return [];
    const href = typeof child.properties.href === 'string' ? child.properties.href : '';
    return child.children.flatMap((inner) =>
      inner.type === 'element' && inner.tagName === 'img'
        ? [{ image: inner, ...(/^(https?|mailto):/i.test(href) ? { href } : {}) }]
        : [],
    );
  });
}

function imageBlock(node: Element, href?: string): Block {
  const src = typeof node.properties.src === 'string' ? node.properties.src : '';
  const alt = typeof node.properties.alt === 'string' ? node.properties.alt : '';
  // Points the deck model gave the picture (src/model/slide-images.ts), in inches.
  const inches = (value: unknown) =>
    typeof value === 'number' && value > 0 ? { value: value / 72 } : undefined;
  const w = inches(node.properties.dataWidthPt);
  const h = inches(node.properties.dataHeightPt);
  return {
    kind: 'image',
    src,
    alt,
    ...(w || h ? { size: { ...(w ? { w: w.value } : {}), ...(h ? { h: h.value } : {}) } } : {}),
    ...(href ? { href } : {}),
  };
}

function tableBlock(table: Element): Block {
  const rows: { header: boolean; cells: Run[][] }[] = [];
  const walk = (node: Element, inHead: boolean) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') {
        const cells = child.children.filter(
          (cell): cell is Element =>
            cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'),
        );
        rows.push({
          header: inHead || cells.every((cell) => cell.tagName === 'th'),
          cells: cells.map((cell) => inlineRuns(cell.children)),
        });
      } else {
        walk(child, inHead || child.tagName === 'thead');
      }
    }
  };
  walk(table, false);
  const header = rows.find((row) => row.header)?.cells ?? [];
  return { kind: 'table', header, rows: rows.filter((row) => !row.header).map((row) => row.cells) };
}

type Style = Omit<Run, 'text' | 'lineBreak'>;

/** Inline content as styled runs; whitespace collapses as it does in the browser. */
export function inlineRuns(nodes: readonly ElementContent[], style: Style = {}): Run[] {
  const runs: Run[] = [];
  const walk = (children: readonly ElementContent[], current: Style) => {
    for (const node of children) {
      if (node.type === 'text') {
        const text = node.value.replace(/\s+/g, ' ');
        if (text) runs.push({ ...current, text });
      } else if (node.type === 'element') {
        if (node.tagName === 'br') runs.push({ text: '', lineBreak: true });
        else if (node.tagName === 'img') continue;
        else if (isKatex(node)) runs.push(...mathRuns(node, current));
        else walk(node.children, { ...current, ...styleOf(node) });
      }
    }
  };
  walk(nodes, style);
  // Trim the paragraph's ends, not its inner spaces.
  const first = runs[0];
  if (first) first.text = first.text.trimStart();
  const last = runs.at(-1);
  if (last) last.text = last.text.trimEnd();
  return runs.filter((run) => run.text || run.lineBreak);
}

/** The TeX a formula was written in, as KaTeX keeps it in its MathML's annotation. */
function texSource(katex: Element): string {
  let tex = '';
  const visit = (node: Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element' || tex) continue;
      if (child.tagName === 'annotation') tex = toString(child).trim();
      else visit(child);
    }
  };
  visit(katex);
  return tex || toString(katex).trim();
}

/** KaTeX's rendering of a formula: its MathML beside an HTML copy drawn for the eye. */
function isKatex(node: Element): boolean {
  return hasClass(node, 'katex');
}

function hasClass(node: Element, name: string): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

function styleOf(node: Element): Style {
  switch (node.tagName) {
    case 'strong':
    case 'b':
      return { bold: true };
    case 'em':
    case 'i':
    case 'cite':
      return { italic: true };
    case 'code':
    case 'kbd':
      return { code: true };
    case 'sup':
      return { superscript: true };
    case 'sub':
      return { subscript: true };
    case 'a': {
      const href = typeof node.properties.href === 'string' ? node.properties.href : '';
      // Links inside the document have no place in a deck; web links stay live.
      return /^(https?|mailto):/i.test(href) ? { href } : {};
    }
    default:
      return {};
  }
}
