import { ParseSpeeds, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { version } from '../paths.js';
import { retagFigureGroups } from './figure-tags.js';
import { markArtifacts } from './mark-artifacts.js';
import { stabilizeStructureIds } from './stable-ids.js';
import { setXmpMetadata, type DocumentInfo } from './xmp.js';

export type { DocumentInfo };

export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
}

export const creator = `briefkit ${version}`;
const producer = `${creator} (Chromium, pdf-lib)`;

/**
 * Sets the document information a reader's PDF viewer and a library catalogue show, and makes
 * the file reproducible: no wall-clock dates, no random document ids.
 */
export async function finishPdf(
  printed: Uint8Array,
  info: DocumentInfo,
  /** Output-specific work on the loaded document: outline, notes, imposed slides. */
  edit?: (pdf: PDFDocument) => void | Promise<void>,
): Promise<FinishedPdf> {
  const pdf = await loadPdf(printed);
  // Before any editing: only the browser's own streams are rewritten.
  markArtifacts(pdf);
  await edit?.(pdf);
  retagFigureGroups(pdf);
  stabilizeStructureIds(pdf);
  pdf.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.authors.length > 0) pdf.setAuthor(info.authors.join('; '));
  if (info.subject) pdf.setSubject(info.subject);
  // pdf-lib joins keywords with spaces, which splits multi-word ones: join them ourselves.
  if (info.keywords.length > 0) pdf.setKeywords([info.keywords.join(', ')]);
  pdf.setCreator(creator);
  pdf.setProducer(producer);
  pdf.setCreationDate(info.date);
  pdf.setModificationDate(info.date);
  pdf.catalog.set(PDFName.of('Lang'), PDFString.of(info.lang));
  // Chromium's XMP packet repeats the print time: ours repeats the Info dictionary above.
  setXmpMetadata(pdf, { ...info, creator, producer });
  // A document with bookmarks opens with them shown.
  if (pdf.catalog.has(PDFName.of('Outlines')))
    pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
  const bytes = await pdf.save({
    useObjectStreams: true,
    objectsPerTick: Number.POSITIVE_INFINITY,
  });
  return { bytes, pages: pdf.getPageCount() };
}

/**
 * Loads a PDF in one go. pdf-lib otherwise pauses for a timer tick every hundred objects, which
 * only adds latency here: the build has pages printing in the browser to overlap with instead.
 */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}
