import type { Formattable } from '../../format.js';

/**
 * An Excel number format code for a series' data labels and sheet, so PowerPoint prints the
 * values as the brief does ("$661.2 billion", "78%") while the sheet keeps the raw numbers.
 * Compact formats divide by thousands with Excel's trailing commas and name the scale in the
 * brief's language ("billion", "Milliarden").
 */
export function excelFormat(
  format: Omit<Formattable, 'value'>,
  values: readonly number[],
  lang: string,
): string {
  const digits = format.digits;
  const decimals = (fallback: number) => {
    const count = digits ?? fallback;
    return count > 0 ? `0.${'#'.repeat(count)}` : '0';
  };
  const unit = format.unit ? `" ${quote(format.unit)}"` : '';
  switch (format.format) {
    case 'percent':
      return `${digits ? `0.${'0'.repeat(digits)}` : '0'}%${unit}`;
    case 'year':
      return `0${unit}`;
    case 'number':
      return `#,##${decimals(2)}${unit}`;
    case 'currency':
      return `${symbol(format.currency, lang)}#,##0${unit}`;
    case 'number-compact':
    case 'currency-compact': {
      const scale = scaleOf(values);
      const number = `#,##${decimals(1)}${','.repeat(scale)}`;
      const word = scale > 0 ? `" ${quote(scaleWord(scale, lang))}"` : '';
      const money = format.format === 'currency-compact' ? symbol(format.currency, lang) : '';
      return `${money}${number}${word}${unit}`;
    }
  }
}

/** How many thousands to divide by: the scale of the largest value, as a compact number uses. */
function scaleOf(values: readonly number[]): number {
  const largest = Math.max(0, ...values.map((value) => Math.abs(value)));
  return largest >= 1000 ? Math.min(4, Math.floor(Math.log10(largest) / 3)) : 0;
}

/** "thousand", "million", "billion", "trillion" in the brief's language. */
function scaleWord(scale: number, lang: string): string {
  const parts = new Intl.NumberFormat(lang, {
    notation: 'compact',
    compactDisplay: 'long',
  }).formatToParts(10 ** (3 * scale));
  return parts
    .filter((part) => part.type === 'compact')
    .map((part) => part.value)
    .join('');
}

function symbol(currency: string | undefined, lang: string): string {
  const part = new Intl.NumberFormat(lang, { style: 'currency', currency: currency ?? 'USD' })
    .formatToParts(1)
    .find((candidate) => candidate.type === 'currency');
  return `"${quote(part?.value ?? currency ?? '$')}"`;
}

/** Text inside an Excel format's quotes: a double quote cannot appear there, so it is dropped. */
function quote(text: string): string {
  return text.replaceAll('"', '');
}
