import type { StatFormat } from './load/schema.js';

export interface Formattable {
  value: number;
  format: StatFormat;
  currency?: string | undefined;
  unit?: string | undefined;
  digits?: number | undefined;
}

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.NumberFormat(lang, options)));
  return formatter;
}

/**
 * Formats a figure for a language. Intl's compact currency only has short forms ("$662B"), so
 * currency-compact puts the locale's currency symbol around the long compact number instead:
 * "$661.6 billion" (en-US), "661,6 Milliarden $" (de-DE).
 */
export function formatFigure(figure: Formattable, lang: string): string {
  const digits = figure.digits;
  const fraction = (fallback: number) => ({ maximumFractionDigits: digits ?? fallback });
  let text: string;
  switch (figure.format) {
    case 'percent':
      text = numberFormat(lang, { style: 'percent', ...fraction(0) }).format(figure.value);
      break;
    case 'year':
      text = String(Math.trunc(figure.value));
      break;
    case 'number':
      text = numberFormat(lang, fraction(2)).format(figure.value);
      break;
    case 'number-compact':
      text = compact(lang, figure.value, digits);
      break;
    case 'currency':
      text = numberFormat(lang, {
        style: 'currency',
        currency: figure.currency ?? 'USD',
        ...fraction(0),
      }).format(figure.value);
      break;
    case 'currency-compact':
      text = withCurrency(
        lang,
        figure.currency ?? 'USD',
        figure.value,
        compact(lang, Math.abs(figure.value), digits),
      );
      break;
  }
  return figure.unit ? `${text}\u00a0${figure.unit}` : text;
}

function compact(lang: string, value: number, digits: number | undefined): string {
  // Below a thousand there is nothing to compact; keep the plain number.
  if (Math.abs(value) < 1000)
    return numberFormat(lang, { maximumFractionDigits: digits ?? 1 }).format(value);
  return numberFormat(lang, {
    notation: 'compact',
    compactDisplay: 'long',
    maximumFractionDigits: digits ?? 1,
  }).format(value);
}

/**
 * Puts the currency around an already formatted amount the way the language writes money: the
 * symbol that tells currencies apart there ("$" for USD but "MX$" for pesos in en-US; "USD" in
 * es-MX, where "$" means pesos), on its side, with its spacing, after the minus sign.
 */
function withCurrency(lang: string, currency: string, value: number, amount: string): string {
  const parts = numberFormat(lang, { style: 'currency', currency }).formatToParts(
    value < 0 ? -1 : 1,
  );
  const symbolIndex = parts.findIndex((part) => part.type === 'currency');
  const numberIndex = parts.findIndex((part) => part.type === 'integer');
  const symbol = parts[symbolIndex]?.value ?? currency;
  const between = parts
    .slice(Math.min(symbolIndex, numberIndex) + 1, Math.max(symbolIndex, numberIndex))
    .filter((part) => part.type === 'literal')
    .map((part) => part.value)
    .join('');
  const sign = parts.find((part) => part.type === 'minusSign')?.value ?? '';
  const signFirst = parts.findIndex((part) => part.type === 'minusSign') < symbolIndex;
  if (symbolIndex > numberIndex) return `${sign}${amount}${between || '\u00a0'}${symbol}`;
  return signFirst ? `${sign}${symbol}${between}${amount}` : `${symbol}${between}${sign}${amount}`;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();
/** "25 November 2026"-style long dates in the brief's language; ISO dates are read as UTC days. */
export function formatDate(isoDate: string, lang: string): string {
  let formatter = dateFormatters.get(lang);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormatters.set(lang, formatter);
  }
  return formatter.format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * How a chart or a figure credits its source: "Publisher, Title." (no second stop after a title
 * that ends in one). `stop: false` leaves the final stop to the line it ends.
 */
export function sourceCredit(
  source: { publisher: string; title: string },
  { stop = true }: { stop?: boolean } = {},
): string {
  const credit = `${source.publisher}, ${source.title}`;
  return stop && !/[.?!]$/.test(credit) ? `${credit}.` : credit;
}
