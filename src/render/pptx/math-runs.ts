import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';

/**
 * A formula as text runs, from the MathML KaTeX writes beside its HTML: letters in italics,
 * indices and exponents as subscript and superscript runs, fractions written on one line
 * (`(a − b)/(c − d)`), roots as √(…), accents as combining marks. PowerPoint, Keynote, Google
 * Slides and LibreOffice all show and edit that as it is; a picture would need a rasterizer at
 * build time and would not be editable. The TeX source and KaTeX's HTML copy are not read.
 */
export function mathRuns<S extends MathStyle>(katex: Element, style: S): (S & { text: string })[] {
  const math = find(katex, 'math');
  if (!math) return [{ ...style, text: toString(katex) }];
  const runs: (S & { text: string })[] = [];
  const put = (text: string, extra: MathStyle = {}) => {
    if (text) runs.push({ ...style, ...extra, text });
  };
  const visit = (node: ElementContent, extra: MathStyle): void => {
    if (node.type === 'text') {
      put(node.value.replace(/\s+/g, ' '), extra);
      return;
    }
    if (node.type !== 'element') return;
    const [first, second, third] = node.children.filter(
      (child): child is Element => child.type === 'element',
    );
    const all = () => {
      for (const child of node.children) visit(child, extra);
    };
    switch (node.tagName) {
      case 'annotation':
      case 'annotation-xml':
      case 'mphantom':
        return;
      case 'semantics':
        if (first) visit(first, extra);
        return;
      case 'mi': {
        const text = toString(node);
        // One letter is a variable (italic); `min`, `sin`, `mathrm` names are upright.
        const upright = node.properties.mathVariant === 'normal' || [...text].length > 1;
        put(text, upright ? extra : { ...extra, italic: true });
        return;
      }
      case 'mo': {
        const text = toString(node).replace(/[\u2061-\u2064]/g, '');
        put(spaced.has(text) ? ` ${text} ` : text, extra);
        return;
      }
      case 'mspace':
        put(' ', extra);
        return;
      case 'msub':
      case 'munder':
        if (first) visit(first, extra);
        if (second) visit(second, { ...extra, subscript: true });
        return;
      case 'msup':
        if (first) visit(first, extra);
        if (second) visit(second, { ...extra, superscript: true });
        return;
      case 'msubsup':
      case 'munderover':
        if (first) visit(first, extra);
        if (second) visit(second, { ...extra, subscript: true });
        if (third) visit(third, { ...extra, superscript: true });
        return;
      case 'mover': {
        if (first) visit(first, extra);
        const mark = combining[second ? toString(second) : ''];
        if (mark) put(mark, extra);
        else if (second) visit(second, { ...extra, superscript: true });
        return;
      }
      case 'mfrac':
        if (first) group(first, extra);
        put('/', extra);
        if (second) group(second, extra);
        return;
      case 'msqrt':
        put('√(', extra);
        all();
        put(')', extra);
        return;
      case 'mroot':
        if (second) visit(second, { ...extra, superscript: true });
        put('√(', extra);
        if (first) visit(first, extra);
        put(')', extra);
        return;
      case 'mtr':
        all();
        put('; ', extra);
        return;
      default:
        all();
    }
  };
  /** A fraction's part: in parentheses unless it is one token. */
  const group = (node: Element, extra: MathStyle) => {
    const simple = /^(mi|mn|mtext)$/.test(node.tagName) || toString(node).trim().length <= 1;
    if (!simple) put('(', extra);
    visit(node, extra);
    if (!simple) put(')', extra);
  };
  for (const child of math.children) visit(child, {});
  // Spaces around operators at the ends, and doubled ones inside, go.
  const merged = runs.map((run) => ({ ...run, text: run.text.replace(/ {2,}/g, ' ') }));
  const head = merged[0];
  if (head) head.text = head.text.trimStart();
  const tail = merged.at(-1);
  if (tail) tail.text = tail.text.trimEnd();
  return merged.filter((run) => run.text);
}

/** What a formula's runs carry besides the surrounding text's style. */
export interface MathStyle {
  italic?: boolean;
  subscript?: boolean;
  superscript?: boolean;
}

/** Relations and binary operators, written with a space each side as the typeset formula has. */
const spaced = new Set([
  '=',
  '+',
  '−',
  '-',
  '×',
  '÷',
  '±',
  '<',
  '>',
  '≤',
  '≥',
  '≈',
  '≠',
  '→',
  '∈',
  '⋅',
]);

/** Accents over a letter (`\bar`, `\hat`, `\tilde`, `\dot`, `\vec`) as combining marks. */
const combining: Record<string, string> = {
  ˉ: '\u0304',
  '¯': '\u0304',
  '^': '\u0302',
  ˆ: '\u0302',
  '~': '\u0303',
  '˜': '\u0303',
  '˙': '\u0307',
  '→': '\u20d7',
};

function find(node: Element, tagName: string): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName) return child;
    const found = find(child, tagName);
    if (found) return found;
  }
  return undefined;
}
