import { PDFName, type PDFDocument } from 'pdf-lib';

/** What a finished PDF says of itself, in its Info dictionary and its XMP packet. */
export interface DocumentInfo {
  title: string;
  authors: readonly string[];
  subject: string | undefined;
  keywords: readonly string[];
  lang: string;
  /** Creation and modification date: SOURCE_DATE_EPOCH or the content's last commit. */
  date: Date;
}

export interface XmpFields extends DocumentInfo {
  creator: string;
  producer: string;
}

/**
 * The XMP metadata packet accessibility checkers and catalogues read (PDF/UA asks for `dc:title`;
 * the language goes in `dc:language`). It repeats the Info dictionary's values, with its dates, so
 * the two agree and the bytes stay repeatable. Uncompressed, as readers expect to find it.
 */
export function setXmpMetadata(pdf: PDFDocument, fields: XmpFields): void {
  const stream = pdf.context.stream(new TextEncoder().encode(xmpPacket(fields)), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(stream));
}

export function xmpPacket(fields: XmpFields): string {
  const date = fields.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (value: string) =>
    `<rdf:Alt><rdf:li xml:lang="x-default">${escape(value)}</rdf:li></rdf:Alt>`;
  const list = (kind: 'Seq' | 'Bag', values: readonly string[]) =>
    `<rdf:${kind}>${values.map((value) => `<rdf:li>${escape(value)}</rdf:li>`).join('')}</rdf:${kind}>`;
  const properties = [
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(fields.title)}</dc:title>`,
    fields.authors.length > 0 && `<dc:creator>${list('Seq', fields.authors)}</dc:creator>`,
    fields.subject && `<dc:description>${alt(fields.subject)}</dc:description>`,
    fields.keywords.length > 0 && `<dc:subject>${list('Bag', fields.keywords)}</dc:subject>`,
    `<dc:language>${list('Bag', [fields.lang])}</dc:language>`,
    fields.keywords.length > 0 &&
      `<pdf:Keywords>${escape(fields.keywords.join(', '))}</pdf:Keywords>`,
    `<pdf:Producer>${escape(fields.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escape(fields.creator)}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
  ].filter(Boolean);
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
      'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    ...properties,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// XML 1.0 allows no control characters but tab and line breaks.
// eslint-disable-next-line no-control-regex
const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => entities[c] ?? c).replace(controls, '');
