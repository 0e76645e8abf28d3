/**
 * The deck's page and the boxes on it, in PDF points, in one place. templates/deck.css lays the
 * slides out with these values (the deck tests measure them back from the PDFs); the model's
 * pagination, the charts drawn for slides, the handout's frames and the editable deck read
 * them from here.
 */

/** 10 × 5.625 in, 16:9. */
export const slidePage = { width: 720, height: 405 } as const;

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

/**
 * The content box under a one-line title: the page less its padding (0.7 in a side, 0.5 in above,
 * 0.55 in below), the brand's edge (0.14 in) and the title with its space.
 */
export const slideContent = { width: 609, height: 282 } as const;

/** What a chart slide's source line takes under the chart (up to two lines of 10 pt). */
export const chartSourceRoom = 30;

/** Charts are drawn in CSS pixels: 96 to the inch, 72 points. */
export const pxPerPt = 4 / 3;
