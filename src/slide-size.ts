/**
 * The deck's page and the boxes on it, in PDF points, in one place. templates/deck.css lays the
 * slides out with these values, handed to it as custom properties (src/render/slide-style.ts;
 * the deck tests measure them back from the PDFs); the model's pagination, the charts drawn for
 * slides, the handout's frames and the editable deck read them from here.
 */

/** 10 × 5.625 in, 16:9. */
export const slidePage = { width: 720, height: 405 } as const;

/** Space inside a slide: 0.5 in above, 0.7 in at each side, 0.55 in below. */
export const slidePadding = { top: 36, inline: 50.4, bottom: 39.6 } as const;

/** The brand's band along the slide's start edge (0.14 in), and the space under a title (0.22 in). */
export const slideEdge = 10.08;
export const titleGap = 15.84;

/**
 * Type on slides: titles and body as a room reads them; tables and code a step smaller
 * (0.7 of the body), and nothing (chart labels included) under `least`.
 */
export const slideType = {
  title: 27,
  titleLine: 31,
  body: 21,
  bodyLine: 28.35,
  small: 14.7,
  least: 14,
} as const;

/** The content box under a one-line title: the page less its padding, the edge and the title. */
export const slideContent = {
  width: Math.floor(slidePage.width - 2 * slidePadding.inline - slideEdge),
  height: Math.floor(
    slidePage.height - slidePadding.top - slidePadding.bottom - slideType.titleLine - titleGap,
  ),
} as const;

/** What a chart slide's source line takes under the chart (up to two lines of 10 pt). */
export const chartSourceRoom = 30;

/** Charts are drawn in CSS pixels: 96 to the inch, 72 points. */
export const pxPerPt = 4 / 3;

/**
 * The most categories a slide's bar chart holds with each name on one line at the least type
 * (render/charts.ts fits them the same way; a legend above takes two lines of it). More go on
 * over further slides.
 */
export function slideBarBands(grouped: boolean): number {
  const least = slideType.least * pxPerPt;
  const line = Math.round(least * 1.15);
  const room = (slideContent.height - chartSourceRoom) * pxPerPt - 8 - (grouped ? 2 * least : 0);
  return Math.max(1, Math.floor((0.95 * room) / line));
}
