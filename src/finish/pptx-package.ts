import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { DocumentInfo } from './metadata.js';
import { footerName } from '../office-parts.js';
import { readZip, writeZip } from './zip.js';

/** Parts whose text pptxgenjs writes: slides, their layouts and master, notes. */
const textParts = /^ppt\/(slides|slideLayouts|slideMasters|notesSlides)\/[^/]+\.xml$/;
const workbook = /^ppt\/embeddings\/[^/]+\.xlsx$/;
/** The footer placeholder's index, as PowerPoint's own templates number it. */
const footerIndex = 11;

/**
 * The finishing pass of deck.pptx: the document's properties, a valid paragraph structure, and
 * reproducible bytes. pptxgenjs stamps every zip entry and the core properties with the time of
 * the build (its chart workbooks too), so two builds of one commit would differ; here every
 * date is the build's date (SOURCE_DATE_EPOCH or the commit's), entries keep pptxgenjs's fixed
 * order, and folders get no entries of their own.
 */
export function finishPptx(bytes: Uint8Array, info: DocumentInfo): Uint8Array {
  const text = new TextDecoder();
  const encode = (xml: string) => new TextEncoder().encode(xml);
  return repack(bytes, info.date, (name, data) => {
    if (name === 'docProps/core.xml') return encode(coreProperties(info));
    if (textParts.test(name))
      return encode(footerPlaceholder(oneParagraphProperties(text.decode(data))));
    if (workbook.test(name)) {
      return repack(data, info.date, (inner, part) =>
        inner === 'docProps/core.xml' ? encode(datedCore(text.decode(part), info.date)) : part,
      );
    }
    return data;
  });
}

/** The package's entries again, in their order, each passed through `transform`, all dated `date`. */
function repack(
  bytes: Uint8Array,
  date: Date,
  transform: (name: string, data: Uint8Array) => Uint8Array,
): Uint8Array {
  return writeZip(
    readZip(bytes).map((entry) => ({ name: entry.name, data: transform(entry.name, entry.data) })),
    date,
  );
}

/**
 * pptxgenjs writes a paragraph's properties once per run; the schema allows one `a:pPr`, first.
 * PowerPoint offers to "repair" such files and LibreOffice reads the last one (losing bullets),
 * so each paragraph keeps its first.
 */
function oneParagraphProperties(xml: string): string {
  // Most parts have none to remove (the renderer puts paragraph options on first runs only);
  // counting spares them the search. Paragraphs do not nest, nor do paragraph properties: plain
  // matching is exact here, and a tenth of the time a DOM parse took.
  if (xml.split('<a:pPr').length <= xml.split('<a:p>').length) return xml;
  return xml.replace(/<a:p(?:\s[^>]*)?>.*?<\/a:p>/gs, (paragraph) => {
    let seen = false;
    return paragraph.replace(/<a:pPr\b(?:[^>]*\/>|[^>]*>.*?<\/a:pPr>)/gs, (properties) => {
      if (seen) return '';
      seen = true;
      return properties;
    });
  });
}

/**
 * The shapes named `Footer` become footer placeholders (type `ftr`, one index on layouts and
 * slides), as PowerPoint's Header and Footer dialog expects them.
 */
function footerPlaceholder(xml: string): string {
  if (!xml.includes(`name="${footerName}"`)) return xml;
  return xml.replace(
    new RegExp(
      `(<p:cNvPr id="\\d+" name="${footerName}"(?:/>|></p:cNvPr>)<p:cNvSpPr/>)<p:nvPr(?:/>|></p:nvPr>)`,
      'g',
    ),
    `$1<p:nvPr><p:ph type="ftr" sz="quarter" idx="${footerIndex}"/></p:nvPr>`,
  );
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
