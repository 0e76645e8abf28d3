import { PDFArray, PDFDict, PDFName, PDFRef, type PDFDocument, type PDFObject } from 'pdf-lib';

/** A tagged PDF's structure element and its child elements (marked-content references left out). */
export interface StructureElement {
  dict: PDFDict;
  type: string;
  children: StructureElement[];
}

/** The document's structure tree below `StructTreeRoot`, in reading order. */
export function readStructureTree(pdf: PDFDocument): StructureElement[] {
  const root = pdf.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  return root ? kids(pdf, root) : [];
}

function kids(pdf: PDFDocument, parent: PDFDict): StructureElement[] {
  const k = resolve(pdf, parent.get(PDFName.of('K')));
  const items = k instanceof PDFArray ? k.asArray() : k ? [k] : [];
  return items.flatMap((item) => {
    const dict = resolve(pdf, item);
    // Marked-content and object references (`/Type /MCR`, `/OBJR`) are leaves, not elements.
    if (!(dict instanceof PDFDict) || !dict.has(PDFName.of('S'))) return [];
    const type = dict.get(PDFName.of('S'))?.toString().slice(1) ?? '';
    return [{ dict, type, children: kids(pdf, dict) }];
  });
}

const resolve = (pdf: PDFDocument, object: PDFObject | undefined): PDFObject | undefined =>
  object instanceof PDFRef ? pdf.context.lookup(object) : object;

/** Every element below the given ones, depth first. */
export function descendants(elements: readonly StructureElement[]): StructureElement[] {
  return elements.flatMap((element) => [element, ...descendants(element.children)]);
}
