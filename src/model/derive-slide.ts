import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { paginate } from './paginate-slide.js';

/**
 * What a section shows on its slide when its author wrote no `:::slide`: its first list; else
 * the lead sentence of its first paragraph followed by its first table, image, code block or
 * math. Returns one tree per slide: what does not fit carries on, on continuation slides.
 */
export function deriveSlide(nodes: readonly Element[], lang: string, title: string): Root[] {
  const list = nodes.find((node) => node.tagName === 'ul' || node.tagName === 'ol');
  const shown: Element[] = [];
  if (list) shown.push(list);
  else {
    const paragraph = nodes.find((node) => node.tagName === 'p' && !isImageOnly(node));
    if (paragraph) shown.push(leadSentence(paragraph, lang));
    const visual = nodes.find(isVisual);
    if (visual) shown.push(visual);
  }
  return paginate(shown, title).map((page) => ({ type: 'root', children: page }));
}

/** A table, a picture, a code block or display math: what a section without a list can show. */
function isVisual(node: Element): boolean {
  if (node.tagName === 'table' || node.tagName === 'pre' || isImageOnly(node)) return true;
  if (node.tagName === 'figure')
    return !('dataChart' in node.properties || 'dataStat' in node.properties);
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.some((name) => /^(math|katex)/.test(String(name)));
}

/** A paragraph holding nothing but images (Markdown's `![alt](file)` on a line of its own). */
export function isImageOnly(node: Element): boolean {
  if (node.tagName !== 'p') return false;
  const content = node.children.filter(
    (child) => !(child.type === 'text' && child.value.trim() === ''),
  );
  return (
    content.length > 0 &&
    content.every((child) => child.type === 'element' && child.tagName === 'img')
  );
}

/** The first sentence of a paragraph, its elements (stats, links) kept whole. */
function leadSentence(paragraph: Element, lang: string): Element {
  // The language's sentence rules know that "U.S." and "e.g." do not end a sentence. A soft line
  // break (hard-wrapped Markdown) is only a space to a reader, but ends a sentence for the
  // segmenter: read it as a space (same length, so the offsets below still hold).
  const [first] = new Intl.Segmenter(lang, { granularity: 'sentence' }).segment(
    toString(paragraph).replace(/\n/g, ' '),
  );
  let remaining = (first?.segment ?? '').trimEnd().length;
  const lead: ElementContent[] = [];
  for (const child of paragraph.children) {
    if (remaining <= 0) break;
    const length = child.type === 'text' ? child.value.length : toString(child).length;
    // A sentence never ends inside an element (a stat, a link): keep elements whole.
    lead.push(
      child.type === 'text'
        ? { type: 'text', value: child.value.slice(0, remaining).replace(/\n/g, ' ') }
        : child,
    );
    remaining -= length;
  }
  return {
    type: 'element',
    tagName: 'p',
    properties: { className: ['bk-lead-sentence'] },
    children: lead,
  };
}
