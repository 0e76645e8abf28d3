import type { Element, ElementContent } from 'hast';
import type { SlideLook } from './brief.js';

/**
 * Marp's background images: `![bg](…)` fills the slide behind its text, `![bg right](…)` and
 * `![bg left](…)` take that half of it and the text the other. Of the keywords in the alt text,
 * the side, a size (`60%`, `contain`) and `opacity` mean something here; the others (filters, `fit`)
 * are dropped, and what is left of the alt text names the picture.
 */
export interface SlideBackground {
  image: Element;
  look: NonNullable<SlideLook['background']>;
}

const keyword = /^(bg|left|right|cover|contain|fit|auto|vertical|\d+(\.\d+)?%|[a-z-]+:.*)$/;
const filters =
  /^(blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)(:.*)?$/;

/** Takes a slide's first `bg` image (and any others, which Marp would lay side by side) out of its nodes. */
export function takeBackground(nodes: readonly Element[]): {
  nodes: Element[];
  background: SlideBackground | undefined;
} {
  let background: SlideBackground | undefined;
  const kept: Element[] = [];
  for (const node of nodes) {
    const images = node.tagName === 'p' ? node.children.filter(isBackground) : [];
    if (images.length === 0) {
      kept.push(node);
      continue;
    }
    for (const image of images) background ??= readBackground(image);
    const rest = node.children.filter(
      (child) =>
        !images.includes(child as Element) && !(child.type === 'text' && !child.value.trim()),
    );
    if (rest.length > 0) kept.push({ ...node, children: rest });
  }
  return { nodes: kept, background };
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

function readBackground(image: Element): SlideBackground {
  const words = String(image.properties.alt ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const side = words.includes('right') ? 'right' : words.includes('left') ? 'left' : 'cover';
  const size = words.find(
    (word) => /^\d+(\.\d+)?%$/.test(word) || word === 'contain' || word === 'fit',
  );
  const opacity = words.find((word) => /^opacity(:.*)?$/.test(word));
  const level = opacity?.includes(':') ? Number.parseFloat(opacity.split(':')[1] ?? '') : 0.2;
  const alt = words.filter((word) => !keyword.test(word) && !filters.test(word)).join(' ');
  return {
    image: { ...image, properties: { ...image.properties, alt } },
    look: {
      side,
      ...(size ? { size: size === 'fit' ? 'contain' : size } : {}),
      ...(opacity && Number.isFinite(level) ? { opacity: Math.min(1, Math.max(0, level)) } : {}),
    },
  };
}
