import { PDFName, type PDFDocument } from 'pdf-lib';
import { descendants, readStructureTree } from './structure-tree.js';

/**
 * Chromium tags every `<figure>` as a Figure. Only a picture is one: a figure that wraps a chart
 * (its own Figure, with the chart's description) and a caption, or a key figure made of text, is
 * a group, so it becomes a Div. Otherwise a screen reader would meet a Figure without
 * alternative text (PDF/UA) or read a description over the caption it hides.
 */
export function retagFigureGroups(pdf: PDFDocument): void {
  for (const element of descendants(readStructureTree(pdf))) {
    if (element.type !== 'Figure') continue;
    const inner = descendants(element.children).filter((child) => child.type === 'Figure');
    const alt = element.dict.get(PDFName.of('Alt'));
    if (inner.length === 0 && alt) continue;
    element.dict.set(PDFName.of('S'), PDFName.of('Div'));
    element.type = 'Div';
    // A group's description repeats its picture's: say it once, on the picture.
    if (inner.length > 0) element.dict.delete(PDFName.of('Alt'));
  }
}
