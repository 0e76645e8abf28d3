import { PDFHexString, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 0-based page index. */
  page: number;
}

/** A flat outline (bookmarks): one entry per given page, opened in the viewer's sidebar. */
export function setOutline(pdf: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const { context } = pdf;
  const pages = pdf.getPages();
  const rootRef = context.nextRef();
  const refs: PDFRef[] = entries.map(() => context.nextRef());
  entries.forEach((entry, index) => {
    const page = pages[entry.page];
    if (!page) throw new Error(`outline entry "${entry.title}" points past the last page`);
    const item = context.obj({
      Title: PDFHexString.fromText(entry.title),
      Parent: rootRef,
      Dest: [page.ref, 'Fit'],
    });
    const previous = refs[index - 1];
    const next = refs[index + 1];
    if (previous) item.set(PDFName.of('Prev'), previous);
    if (next) item.set(PDFName.of('Next'), next);
    context.assign(refs[index] as PDFRef, item);
  });
  context.assign(
    rootRef,
    context.obj({
      Type: 'Outlines',
      First: refs[0] as PDFRef,
      Last: refs[refs.length - 1] as PDFRef,
      Count: refs.length,
    }),
  );
  pdf.catalog.set(PDFName.of('Outlines'), rootRef);
  pdf.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/**
 * Speaker notes as a closed text annotation in the slide's top-right corner: shown by PDF viewers,
 * never printed (no Print flag), so the deck prints clean and presenters still have their notes.
 */
export function addNoteAnnotation(
  pdf: PDFDocument,
  pageIndex: number,
  text: string,
  label: string,
): void {
  const page = pdf.getPage(pageIndex);
  const { width, height } = page.getSize();
  const annotation = pdf.context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [width - 30, height - 30, width - 10, height - 10],
    Contents: PDFHexString.fromText(text),
    T: PDFHexString.fromText(label),
    Name: 'Comment',
    Open: false,
  });
  page.node.addAnnot(pdf.context.register(annotation));
}
