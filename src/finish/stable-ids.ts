import { PDFArray, PDFDict, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

const domNodeId = /^node(\d+)$/;

/**
 * Chromium names tagged-PDF structure elements after renderer-wide DOM node counters
 * (`node00000135`), which shift with whatever else the browser printed first. Renumbering them
 * from 1, in their original order (so the ID name tree stays sorted), makes the bytes repeatable.
 */
export function stabilizeStructureIds(pdf: PDFDocument): void {
  const objects = pdf.context.enumerateIndirectObjects().map(([, object]) => object);
  const ids = new Set<string>();
  walk(objects, (string) => {
    if (domNodeId.test(string.asString())) ids.add(string.asString());
    return undefined;
  });
  if (ids.size === 0) return;
  const order = [...ids].sort((a, b) => nodeNumber(a) - nodeNumber(b));
  const renumbered = new Map(
    order.map((id, index) => [id, `node${String(index + 1).padStart(8, '0')}`]),
  );
  walk(objects, (string) => {
    const replacement = renumbered.get(string.asString());
    return replacement === undefined ? undefined : PDFString.of(replacement);
  });
}

const nodeNumber = (id: string): number => Number(domNodeId.exec(id)?.[1] ?? 0);

/** Visits every string inside dictionaries and arrays; a returned string replaces the visited one. */
function walk(
  roots: readonly PDFObject[],
  onString: (string: PDFString) => PDFString | undefined,
): void {
  const visit = (object: PDFObject): void => {
    if (object instanceof PDFArray) {
      for (let index = 0; index < object.size(); index++) {
        const item = object.get(index);
        const replacement = item instanceof PDFString ? onString(item) : undefined;
        if (replacement) object.set(index, replacement);
        else visit(item);
      }
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        const replacement = value instanceof PDFString ? onString(value) : undefined;
        if (replacement) object.set(key, replacement);
        else visit(value);
      }
    }
  };
  roots.forEach(visit);
}
