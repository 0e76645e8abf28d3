/**
 * What the PowerPoint renderer and the finishing pass of deck.pptx agree on: the name of the
 * footer shape (on each layout and slide) that finishing makes the footer placeholder, since
 * pptxgenjs writes none of its own.
 */
export const footerName = 'Footer';
