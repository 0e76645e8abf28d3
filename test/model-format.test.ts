/**
 * Number and date formatting by the brief's language (`lang`), as printed in briefs and slides.
 * U+00A0 (no-break space) keeps a number with its unit, as typesetting wants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatFigure, type Formattable } from '../src/format.js';

const nbsp = '\u00a0';

const trade: Formattable = {
  value: 661.6e9,
  format: 'currency-compact',
  currency: 'USD',
  digits: 1,
};
const share: Formattable = { value: 0.75, format: 'percent' };
const encounters: Formattable = { value: 1734686, format: 'number-compact', digits: 1 };
const border: Formattable = { value: 1954, format: 'number', unit: 'miles' };
const immigrants: Formattable = { value: 11e6, format: 'number-compact' };
const allotment: Formattable = {
  value: 1.5e6,
  format: 'number-compact',
  unit: 'acre-feet',
  digits: 1,
};
const year: Formattable = { value: 2021, format: 'year' };
const dollars: Formattable = { value: 1500, format: 'currency', currency: 'USD' };
const small: Formattable = { value: 950, format: 'number-compact' };
const precise: Formattable = { value: 0.753, format: 'percent', digits: 1 };
const decimals: Formattable = { value: 1234.5678, format: 'number' };
const roundsUp: Formattable = { value: 999_950, format: 'number-compact' };

describe('formatFigure', () => {
  it.each<[string, Formattable, string]>([
    ['currency-compact', trade, '$661.6 billion'],
    ['percent', share, '75%'],
    ['number-compact with digits', encounters, '1.7 million'],
    ['number with a unit', border, `1,954${nbsp}miles`],
    ['number-compact, whole', immigrants, '11 million'],
    ['number-compact with a unit', allotment, `1.5 million${nbsp}acre-feet`],
    ['year (no grouping)', year, '2021'],
    ['currency', dollars, '$1,500'],
    ['number-compact below a thousand', small, '950'],
    ['percent with digits', precise, '75.3%'],
    ['number, two decimals at most', decimals, '1,234.57'],
    ['number-compact rounding into the next magnitude', roundsUp, '1 million'],
  ])('en-US %s', (_name, figure, expected) => {
    expect(formatFigure(figure, 'en-US')).toBe(expected);
  });

  it.each<[string, Formattable, string]>([
    ['percent', share, '75%'],
    ['number-compact with digits', encounters, '1.7 millones'],
    ['number with a unit', { ...border, unit: 'millas' }, `1,954${nbsp}millas`],
    ['number-compact, whole', immigrants, '11 millones'],
    [
      'number-compact with a unit',
      { ...allotment, unit: 'acres-pie' },
      `1.5 millones${nbsp}acres-pie`,
    ],
    ['year', year, '2021'],
    ['number-compact rounding into the next magnitude', roundsUp, '1 millón'],
  ])('es-MX %s', (_name, figure, expected) => {
    expect(formatFigure(figure, 'es-MX')).toBe(expected);
  });

  it.each<[string, Formattable, string]>([
    ['currency-compact', trade, `661,6 Milliarden${nbsp}$`],
    ['percent', share, `75${nbsp}%`],
    ['number-compact with digits', encounters, '1,7 Millionen'],
    ['number with a unit', border, `1.954${nbsp}miles`],
    ['number-compact with a unit', allotment, `1,5 Millionen${nbsp}acre-feet`],
    ['year', year, '2021'],
    ['currency', dollars, `1.500${nbsp}$`],
    ['percent with digits', precise, `75,3${nbsp}%`],
    ['number, two decimals at most', decimals, '1.234,57'],
  ])('de-DE %s', (_name, figure, expected) => {
    expect(formatFigure(figure, 'de-DE')).toBe(expected);
  });

  it('es-MX currency-compact keeps the magnitude words', () => {
    expect(formatFigure(trade, 'es-MX')).toContain('661.6 mil millones');
  });

  // In Mexico "$" is the peso sign: a dollar amount in an es-MX brief must say it is dollars,
  // as Intl's own es-MX currency format does ("USD 1,500") and DESIGN.md's example shows
  // ("661.600 millones de dólares").
  it('es-MX currency-compact does not show US dollars as a bare "$"', () => {
    const text = formatFigure(trade, 'es-MX');
    expect(text).toMatch(/USD|US\$|dólares/);
    expect(text).not.toMatch(/^\$/);
  });

  // A brief on Mexico cites pesos as well as dollars: the two must not print the same.
  it('en-US currency-compact tells pesos from dollars', () => {
    const pesos = formatFigure({ ...trade, currency: 'MXN' }, 'en-US');
    expect(pesos).not.toBe(formatFigure(trade, 'en-US'));
    expect(pesos).toMatch(/MX\$|MXN|peso/);
  });

  // Deficits and declines are negative: the sign goes before the currency symbol.
  it('en-US currency-compact puts the minus sign before the symbol', () => {
    expect(formatFigure({ ...trade, value: -2.5e6 }, 'en-US')).toBe('-$2.5 million');
  });

  it('de-DE currency-compact keeps the minus sign on the number', () => {
    expect(formatFigure({ ...trade, value: -2.5e6 }, 'de-DE')).toBe(`-2,5 Millionen${nbsp}$`);
  });
});

describe('formatDate', () => {
  // ISO dates are calendar days: they must not shift with the machine's time zone.
  const savedTz = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Pacific/Honolulu';
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it.each<[string, string, string]>([
    ['en-US', '2026-11-25', 'November 25, 2026'],
    ['en-US', '2026-01-01', 'January 1, 2026'],
    ['es-MX', '2026-11-25', '25 de noviembre de 2026'],
    ['es-MX', '2026-01-01', '1 de enero de 2026'],
    ['de-DE', '2026-11-25', '25. November 2026'],
    ['de-DE', '2026-01-01', '1. Januar 2026'],
  ])('%s %s', (lang, iso, expected) => {
    expect(formatDate(iso, lang)).toBe(expected);
  });
});
