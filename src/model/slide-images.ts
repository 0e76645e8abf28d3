import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import { slideContent, slidePage, slideType } from '../slide-size.js';
import type { WebPicture } from './slide-background.js';

/** Points per pixel of Marp's slide (1280 px wide): a picture keeps its share of the slide. */
const marpPixel = slidePage.width / 1280;
/** CSS pixels per unit of the absolute lengths Marp accepts. */
const pixelsPer: Record<string, number> = {
  px: 1,
  pt: 4 / 3,
  pc: 16,
  in: 96,
  cm: 96 / 2.54,
  mm: 96 / 25.4,
};

/**
 * A length of Marp's (`300px`, `1.5em`) in points on this slide: absolute lengths keep their
 * share of Marp's 1280-pixel slide; `em` is the body's type size, `ex` and `ch` half of it.
 * Shares (`50%`, which Marp does not apply either) and `auto` give none.
 */
export function marpPoints(length: string): number | undefined {
  const [, number = '', unit = ''] = /^((?:\d*\.)?\d+)([a-z%]*)$/.exec(length) ?? [];
  const value = Number.parseFloat(number);
  if (!Number.isFinite(value)) return undefined;
  const pixels = pixelsPer[unit];
  if (pixels !== undefined) return value * pixels * marpPixel;
  if (unit === 'em') return value * slideType.body;
  if (unit === 'ex' || unit === 'ch') return (value * slideType.body) / 2;
  return undefined;
}

/**
 * A slide's pictures sized as their Marp keywords ask (rehype-marp-images.ts kept them as
 * `data-marp-*`): width and height in points, never past the content box, the other side
 * following the picture's shape. Returns copies: the brief prints the
 * same nodes at its own sizes. `data-width-pt` and `data-height-pt` tell the .pptx.
 */
export function sizeImages(nodes: readonly Element[], ignored: string[]): Element[] {
  const size = (node: Element): Element => {
    const children = node.children.map((child) =>
      child.type === 'element' ? size(child) : child,
    ) as ElementContent[];
    const { dataMarpWidth, dataMarpHeight, dataMarpFilter } = node.properties;
    if (node.tagName !== 'img' || (!dataMarpWidth && !dataMarpHeight && !dataMarpFilter))
      return children.some((child, index) => child !== node.children[index])
        ? { ...node, children }
        : node;
    let width = typeof dataMarpWidth === 'string' ? marpPoints(dataMarpWidth) : undefined;
    let height = typeof dataMarpHeight === 'string' ? marpPoints(dataMarpHeight) : undefined;
    // Both given: one scale keeps the shape the author asked for inside the content box.
    const scale = Math.min(
      1,
      width ? slideContent.width / width : 1,
      height ? slideContent.height / height : 1,
    );
    width = width && round(width * scale);
    height = height && round(height * scale);
    // Filters on a picture in the text are not applied: Chromium paints a filtered picture
    // without its Figure tag, so its alt text would be lost from the PDF. Said once.
    for (const word of String(dataMarpFilter ?? '')
      .split(/\s+/)
      .filter(Boolean))
      ignored.push(`${word} (on a picture that is not a background)`);
    const style = [
      ...(width || height
        ? [
            `width: ${width ? `${width}pt` : 'auto'}`,
            `height: ${height ? `${height}pt` : 'auto'}`,
            `max-width: 100%`,
            `max-height: ${slideContent.height}pt`,
            // Both sides given: that box exactly, as Marp draws it (and the .pptx).
            ...(width && height ? ['object-fit: fill'] : []),
          ]
        : []),
    ];
    const classes = Array.isArray(node.properties.className) ? node.properties.className : [];
    return {
      ...node,
      properties: {
        ...node.properties,
        ...(style.length > 0 ? { style: style.join('; ') } : {}),
        ...(width || height ? { className: [...classes, 'bk-marp-sized'] } : {}),
        ...(width ? { dataWidthPt: width } : {}),
        ...(height ? { dataHeightPt: height } : {}),
      },
      children,
    };
  };
  return nodes.map(size);
}

const round = (value: number) => Math.round(value * 10) / 10;

const isStandIn = (node: Element): boolean =>
  Array.isArray(node.properties.className) &&
  node.properties.className.includes('bk-image-left-out');

/** Pictures on the web in these nodes (the stand-ins parse left in their place). */
export function webPictures(nodes: readonly Element[]): WebPicture[] {
  const found: WebPicture[] = [];
  const walk = (node: ElementContent) => {
    if (node.type !== 'element') return;
    if (isStandIn(node))
      found.push({ alt: toString(node).trim(), src: String(node.properties.dataSrc ?? '') });
    else node.children.forEach(walk);
  };
  nodes.forEach(walk);
  return found;
}

/** Elements that show something without words. */
const visual = new Set(['img', 'svg', 'table', 'pre', 'figure', 'video', 'math', 'hr']);

/** Whether these nodes show anything but the stand-ins of pictures on the web. */
export function showsAnything(nodes: readonly Element[]): boolean {
  const shows = (node: ElementContent): boolean =>
    node.type === 'text'
      ? node.value.trim() !== ''
      : node.type === 'element' &&
        !isStandIn(node) &&
        (visual.has(node.tagName) || node.children.some(shows));
  return nodes.some(shows);
}

/**
 * What a slide shows when its only picture is on the web (which no build fetches): the picture's
 * description, large, in a frame where the picture would be, and a line saying why, with its
 * address. Never an empty slide.
 */
export function webPicturePlaceholder(picture: WebPicture, note: string): Element {
  const text = (value: string): ElementContent => ({ type: 'text', value });
  const name = picture.alt || fileName(picture.src);
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['bk-web-picture'] },
    children: [
      ...(name
        ? [
            {
              type: 'element',
              tagName: 'p',
              properties: { className: ['bk-web-picture-alt'] },
              children: [text(name)],
            } satisfies Element,
          ]
        : []),
      {
        type: 'element',
        tagName: 'p',
        properties: { className: ['bk-web-picture-note'] },
        children: [text(note)],
      },
      ...(picture.src
        ? [
            {
              type: 'element',
              tagName: 'p',
              properties: { className: ['bk-web-picture-src'] },
              children: [text(picture.src)],
            } satisfies Element,
          ]
        : []),
    ],
  };
}

/** `https://host/path/marp.png?x` → `marp.png`. */
function fileName(src: string): string {
  return src.split(/[?#]/)[0]?.split('/').filter(Boolean).at(-1) ?? '';
}
