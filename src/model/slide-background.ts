import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import type { SlideLook } from './brief.js';
import { cssColor } from './css-color.js';

/**
 * Marp's background images: `![bg](…)` fills the slide behind its text, `![bg right](…)` and
 * `![bg left](…)` take that half of it (`left:40%`: that share) and the text the rest. Of the
 * keywords in the alt text, the side, a size (`60%`, `contain`, `fit`, `cover`, `auto`), the CSS
 * filters (`blur:3px`, `sepia`, …) and `opacity` mean something here; the others (`vertical`,
 * `w:`, a second picture) are reported as ignored, and what is left of the alt text names the
 * picture.
 */
export interface SlideBackground {
  image: Element;
  look: NonNullable<SlideLook['background']>;
}

const keyword = /^(bg|left|right|cover|contain|fit|auto|vertical|\d+(\.\d+)?%|[a-z-]+:.*)$/;
/** Marp's filters and the value each takes when none is given. */
const filterDefaults: Record<string, string> = {
  blur: '10px',
  brightness: '1.5',
  contrast: '2',
  'drop-shadow': '0,5px,10px,rgba(0,0,0,.4)',
  grayscale: '1',
  'hue-rotate': '180deg',
  invert: '1',
  saturate: '2',
  sepia: '1',
};
const filterWord =
  /^(blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)(:.*)?$/;
const amount = /^-?(\d+\.?\d*|\.\d+)(px|em|deg|rad|turn|%)?$/;
const size = /^(\d+(\.\d+)?%|contain|fit|cover|auto)$/;

/** A picture on the web that parse left out: its description and address. */
export interface WebPicture {
  alt: string;
  src: string;
}

/**
 * Takes a slide's first `bg` image out of its nodes; any others are reported as ignored. `bg`
 * pictures on the web are taken out too, and listed in `web`.
 */
export function takeBackground(
  nodes: readonly Element[],
  ignored: string[],
): { nodes: Element[]; background: SlideBackground | undefined; web: WebPicture[] } {
  let background: SlideBackground | undefined;
  const kept: Element[] = [];
  const web: WebPicture[] = [];
  for (let node of nodes) {
    const images = node.tagName === 'p' ? node.children.filter(isBackground) : [];
    // A `bg` picture on the web was left out at parse (with its warning): no alt-text stand-in.
    const leftOut = node.tagName === 'p' ? node.children.filter(isLeftOutBackground) : [];
    for (const child of leftOut) {
      const stand = child as Element;
      const words = toString(stand).split(/\s+/).filter(Boolean);
      web.push({
        alt: words.filter((word) => !keyword.test(word) && !filterWord.test(word)).join(' '),
        src: String(stand.properties.dataSrc ?? ''),
      });
    }
    if (leftOut.length > 0) {
      const rest = node.children.filter(
        (child) => !leftOut.includes(child) && !(child.type === 'text' && !child.value.trim()),
      );
      if (rest.length === 0) continue;
      node = { ...node, children: rest };
    }
    if (images.length === 0) {
      kept.push(node);
      continue;
    }
    for (const image of images) {
      if (background) ignored.push('a second `![bg]` on a slide');
      else background = readBackground(image, ignored);
    }
    const rest = node.children.filter(
      (child) =>
        !images.includes(child as Element) && !(child.type === 'text' && !child.value.trim()),
    );
    if (rest.length > 0) kept.push({ ...node, children: rest });
  }
  return { nodes: kept, background, web };
}

function isLeftOutBackground(node: ElementContent): boolean {
  if (node.type !== 'element' || node.tagName !== 'span') return false;
  const classes = node.properties.className;
  const text = node.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
  return (
    Array.isArray(classes) &&
    classes.includes('bk-image-left-out') &&
    text.split(/\s+/).includes('bg')
  );
}

function isBackground(node: ElementContent): node is Element {
  return (
    node.type === 'element' &&
    node.tagName === 'img' &&
    String(node.properties.alt ?? '')
      .split(/\s+/)
      .includes('bg')
  );
}

function readBackground(image: Element, ignored: string[]): SlideBackground {
  const words = String(image.properties.alt ?? '')
    .split(/\s+/)
    .filter(Boolean);
  let side: 'cover' | 'left' | 'right' = 'cover';
  let split: string | undefined;
  let sized: string | undefined;
  let opacity: number | undefined;
  const filters: string[] = [];
  for (const word of words) {
    const [name = '', value] = word.split(/:(.*)/s);
    if (name === 'left' || name === 'right') {
      side = name;
      // `left:40%`: the picture's share of the slide.
      if (value && /^\d+(\.\d+)?%$/.test(value) && Number.parseFloat(value) < 100) split = value;
      else if (value) ignored.push(`bg ${word}`);
    } else if (size.test(word)) {
      sized = word === 'fit' ? 'contain' : word;
    } else if (name === 'opacity') {
      const level = value ? Number.parseFloat(value) * (value.endsWith('%') ? 0.01 : 1) : 0.2;
      if (Number.isFinite(level)) opacity = Math.min(1, Math.max(0, level));
    } else if (filterWord.test(word)) {
      const filter = cssFilter(name, value);
      if (filter) filters.push(filter);
      else ignored.push(`bg ${word}`);
    } else if (keyword.test(word) && word !== 'bg') ignored.push(`bg ${word}`);
  }
  const alt = words.filter((word) => !keyword.test(word) && !filterWord.test(word)).join(' ');
  return {
    image: { ...image, properties: { ...image.properties, alt } },
    look: {
      side,
      ...(sized && sized !== 'cover' ? { size: sized } : {}),
      ...(opacity !== undefined ? { opacity } : {}),
      ...(split && side !== 'cover' ? { split } : {}),
      ...(filters.length > 0 ? { filter: filters.join(' ') } : {}),
    },
  };
}

/** `blur:3px` → `blur(3px)`; the value (or Marp's default) is checked, so only a filter gets out. */
function cssFilter(name: string, value: string | undefined): string | undefined {
  const given = value || filterDefaults[name];
  if (!given) return undefined;
  if (name === 'drop-shadow') {
    // Marp writes its parts with commas: offsets and blur as lengths, then a colour.
    const parts = given.split(/,(?![^(]*\))/).map((part) => part.trim());
    const ok = parts.every((part, index) =>
      index === parts.length - 1 && parts.length > 2
        ? (cssColor(part) ?? amount.test(part))
        : amount.test(part),
    );
    return ok && parts.length >= 2 ? `drop-shadow(${parts.join(' ')})` : undefined;
  }
  return amount.test(given) ? `${name}(${given})` : undefined;
}
