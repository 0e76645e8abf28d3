/**
 * What the PowerPoint renderer, the printer and the finishing pass of deck.pptx agree on: the
 * pictures of formulas the browser draws for the renderer, and the name of the
 * footer shape (on each layout and slide) that finishing makes the footer placeholder, since
 * pptxgenjs writes none of its own.
 */
export const footerName = 'Footer';

/**
 * A displayed formula as the browser drew it: a PNG (transparent, at `formulaScale` times its size) and
 * its size in CSS pixels, 96 to the inch, as it is on deck.pdf's slides.
 */
export interface FormulaPicture {
  png: Uint8Array;
  width: number;
  height: number;
}

/** How much sharper than the slide a formula's picture is: 3 device pixels to a CSS pixel. */
export const formulaScale = 3;
