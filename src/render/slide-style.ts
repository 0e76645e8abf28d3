import { slideEdge, slidePadding, slidePage, slideType, titleGap } from '../slide-size.js';

const pt = (value: number) => `${value}pt`;

/**
 * The deck's sizes as CSS: the page, and custom properties templates/deck.css lays slides out
 * with, so that the stylesheet and the model's pagination read one set of numbers.
 */
export function slideStyle(): string {
  const properties = {
    '--slide-width': slidePage.width,
    '--slide-height': slidePage.height,
    '--slide-pad-top': slidePadding.top,
    '--slide-pad-inline': slidePadding.inline,
    '--slide-pad-bottom': slidePadding.bottom,
    '--slide-edge': slideEdge,
    '--slide-title-gap': titleGap,
    '--slide-title': slideType.title,
    '--slide-body': slideType.body,
    '--slide-small': slideType.small,
    '--slide-least': slideType.least,
  };
  const declarations = Object.entries(properties)
    .map(([name, value]) => `${name}: ${pt(value)};`)
    .join(' ');
  return `@page { size: ${pt(slidePage.width)} ${pt(slidePage.height)}; } :root { ${declarations} }`;
}
