import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  type PDFDocument,
} from 'pdf-lib';
import { descendants, readStructureTree } from './structure-tree.js';

/**
 * Gives every link annotation the description PDF/UA asks for (`Contents`): the names the page
 * gave its links, in the order Chromium tagged them. When the counts disagree (a link the page
 * hid from print, say), each link is described by where it goes instead.
 */
export function describeLinks(pdf: PDFDocument, names: readonly string[]): void {
  const links = descendants(readStructureTree(pdf)).filter((element) => element.type === 'Link');
  const matched = links.length === names.length;
  links.forEach((link, index) => {
    for (const annotation of annotationsOf(pdf, link.dict)) {
      const name = matched ? names[index] : undefined;
      const text = name || target(annotation);
      if (text) annotation.set(PDFName.of('Contents'), PDFHexString.fromText(text));
    }
  });
}

/** The annotations a Link element points at through its object references (`/OBJR`). */
function annotationsOf(pdf: PDFDocument, link: PDFDict): PDFDict[] {
  const k = link.get(PDFName.of('K'));
  const kids = k instanceof PDFRef ? pdf.context.lookup(k) : k;
  const items = kids instanceof PDFArray ? kids.asArray() : [kids];
  return items.flatMap((item) => {
    const reference = item instanceof PDFRef ? pdf.context.lookup(item) : item;
    if (!(reference instanceof PDFDict)) return [];
    if (reference.get(PDFName.of('Type'))?.toString() !== '/OBJR') return [];
    const annotation = reference.lookupMaybe(PDFName.of('Obj'), PDFDict);
    return annotation ? [annotation] : [];
  });
}

/** A link's address: its URI, or the named destination it jumps to. */
function target(annotation: PDFDict): string | undefined {
  const uri = annotation.lookupMaybe(PDFName.of('A'), PDFDict)?.lookup(PDFName.of('URI'));
  if (uri instanceof PDFString || uri instanceof PDFHexString) return uri.decodeText();
  const dest = annotation.get(PDFName.of('Dest'));
  return dest instanceof PDFName ? `#${dest.decodeText()}` : undefined;
}
