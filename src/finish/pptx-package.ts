import { DOMParser, XMLSerializer, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { DocumentInfo } from './metadata.js';

const drawingML = 'http://schemas.openxmlformats.org/drawingml/2006/main';
/** Parts whose text pptxgenjs writes: slides, their layouts and master, notes. */
const textParts = /^ppt\/(slides|slideLayouts|slideMasters|notesSlides)\/[^/]+\.xml$/;
const workbook = /^ppt\/embeddings\/[^/]+\.xlsx$/;

/**
 * The finishing pass of deck.pptx: the document's properties, a valid paragraph structure, and
 * reproducible bytes. pptxgenjs stamps every zip entry and the core properties with the time of
 * the build (its chart workbooks too), so two builds of one commit would differ; here every
 * date is the build's date (SOURCE_DATE_EPOCH or the commit's), entries keep pptxgenjs's fixed
 * order, and folders get no entries of their own.
 */
export async function finishPptx(bytes: Uint8Array, info: DocumentInfo): Promise<Uint8Array> {
  return repack(bytes, info.date, async (name, data) => {
    if (name === 'docProps/core.xml') return coreProperties(info);
    if (textParts.test(name)) return oneParagraphProperties(await data.async('string'));
    if (workbook.test(name)) {
      return repack(await data.async('uint8array'), info.date, async (inner, part) =>
        inner === 'docProps/core.xml'
          ? datedCore(await part.async('string'), info.date)
          : part.async('uint8array'),
      );
    }
    return data.async('uint8array');
  });
}

async function repack(
  bytes: Uint8Array,
  date: Date,
  transform: (name: string, data: JSZip.JSZipObject) => Promise<Uint8Array | string>,
): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const target = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    target.file(entry.name, await transform(entry.name, entry), { date, createFolders: false });
  }
  return target.generateAsync({
    type: 'uint8array',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'UNIX',
  });
}

/**
 * pptxgenjs writes a paragraph's properties once per run; the schema allows one `a:pPr`, first.
 * PowerPoint offers to "repair" such files and LibreOffice reads the last one (losing bullets),
 * so each paragraph keeps its first.
 */
function oneParagraphProperties(xml: string): string {
  // Most parts have none to remove (the renderer puts paragraph options on first runs only);
  // counting spares them a parse.
  if (xml.split('<a:pPr').length <= xml.split('<a:p>').length) return xml;
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const paragraphs = document.getElementsByTagNameNS(drawingML, 'p');
  let changed = false;
  for (let index = 0; index < paragraphs.length; index += 1) {
    const paragraph = paragraphs.item(index) as Element;
    let seen = false;
    for (const child of Array.from(paragraph.childNodes)) {
      if (child.nodeType !== child.ELEMENT_NODE) continue;
      const element = child as Element;
      if (element.namespaceURI !== drawingML || element.localName !== 'pPr') continue;
      if (seen) {
        paragraph.removeChild(element);
        changed = true;
      }
      seen = true;
    }
  }
  return changed ? new XMLSerializer().serializeToString(document) : xml;
}

function coreProperties(info: DocumentInfo): string {
  const when = info.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const element = (name: string, value: string | undefined, attributes = '') =>
    value ? `<${name}${attributes}>${escapeXml(value)}</${name}>` : '';
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    element('dc:title', info.title),
    element('dc:subject', info.subject),
    element('dc:creator', info.authors.join('; ')),
    element('cp:keywords', info.keywords.join(', ')),
    element('dc:language', info.lang),
    element('cp:lastModifiedBy', info.authors[0]),
    '<cp:revision>1</cp:revision>',
    element('dcterms:created', when, ' xsi:type="dcterms:W3CDTF"'),
    element('dcterms:modified', when, ' xsi:type="dcterms:W3CDTF"'),
    '</cp:coreProperties>',
  ].join('');
}

/** A workbook's own core properties, with the build's date instead of the clock's. */
function datedCore(xml: string, date: Date): string {
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  for (const name of ['created', 'modified']) {
    const element = document.getElementsByTagNameNS('http://purl.org/dc/terms/', name).item(0);
    if (element) element.textContent = date.toISOString();
  }
  return new XMLSerializer().serializeToString(document);
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
