import { basename } from 'node:path';
import type { Ledger, LedgerEntry, LedgerUse } from './collect-ledger.js';

export const ledgerFormats = ['table', 'json', 'csv'] as const;
export type LedgerFormat = (typeof ledgerFormats)[number];

/** What a place does with the figure, where it is more than printing it in the text. */
function role(use: LedgerUse): string {
  switch (use.kind) {
    case 'key-figure':
      return ' (key figure)';
    case 'key-figures-panel':
      return ' (key figures)';
    case 'spark':
      return ` (beside ${use.stat ?? ''})`;
    default:
      return '';
  }
}

const place = (use: LedgerUse, file = use.file): string => `${file}:${use.line}${role(use)}`;

/** The ledgers in one of the formats: an aligned table per brief, a JSON array, or one CSV. */
export function formatLedgers(ledgers: readonly Ledger[], format: LedgerFormat): string {
  if (format === 'json') return `${JSON.stringify(ledgers.map(jsonLedger), null, 2)}\n`;
  if (format === 'csv') return csvLedgers(ledgers);
  return ledgers.map(tableLedger).join('\n');
}

function jsonLedger(ledger: Ledger) {
  return {
    brief: ledger.brief,
    file: ledger.file,
    figures: ledger.entries.map((entry) => ({
      kind: entry.kind,
      id: entry.id,
      label: entry.label,
      value: entry.value,
      as_of: entry.asOf,
      source: entry.source,
      publisher: entry.publisher,
      title: entry.title,
      url: entry.url,
      accessed: entry.accessed,
      note: entry.note,
      used: entry.used,
    })),
  };
}

const csvColumns = [
  'brief',
  'kind',
  'id',
  'label',
  'value',
  'as_of',
  'source',
  'publisher',
  'title',
  'url',
  'accessed',
  'used',
  // Last, so tools that read the columns by position before it was added still find theirs.
  'note',
] as const;

/** RFC 4180: CRLF line ends; a field holding a quote, comma or line end is quoted, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLedgers(ledgers: readonly Ledger[]): string {
  const rows: string[][] = [[...csvColumns]];
  for (const ledger of ledgers) {
    for (const entry of ledger.entries) {
      rows.push([
        ledger.brief,
        entry.kind,
        entry.id,
        entry.label,
        entry.value,
        entry.asOf,
        entry.source,
        entry.publisher,
        entry.title,
        entry.url,
        entry.accessed,
        entry.used.map((use) => place(use)).join('; '),
        entry.note,
      ]);
    }
  }
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

const tableColumns: [string, (entry: LedgerEntry) => string][] = [
  ['id', (entry) => entry.id],
  ['kind', (entry) => entry.kind],
  ['value', (entry) => entry.value],
  ['as of', (entry) => entry.asOf],
  ['source', (entry) => entry.source],
  ['accessed', (entry) => entry.accessed],
  ['url', (entry) => entry.url],
  // Places in the brief's own files by file name: the heading names its folder.
  ['used', (entry) => entry.used.map((use) => place(use, basename(use.file))).join(', ')],
];

/** Characters as a terminal shows them: code points, not UTF-16 units. */
const width = (text: string): number => [...text].length;

function tableLedger(ledger: Ledger): string {
  const counts = (['stat', 'series', 'cite'] as const).map(
    (kind) => ledger.entries.filter((entry) => entry.kind === kind).length,
  );
  const heading =
    `${ledger.file}: ${counts[0]} stat(s), ${counts[1]} series, ` +
    `${counts[2]} source(s) cited with :cite`;
  const rows = [
    tableColumns.map(([name]) => name),
    ...ledger.entries.map((entry) => tableColumns.map(([, cell]) => cell(entry))),
  ];
  const widths = tableColumns.map((_, index) =>
    Math.max(...rows.map((row) => width(row[index] ?? ''))),
  );
  const lines = rows.map((row) =>
    row
      .map((cell, index) =>
        index === row.length - 1 ? cell : cell + ' '.repeat((widths[index] ?? 0) - width(cell)),
      )
      .join('  ')
      .trimEnd(),
  );
  return `${heading}\n${lines.join('\n')}\n`;
}
