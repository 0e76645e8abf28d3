/**
 * The artifact marking of the finishing layer on content streams written by hand: what is painted
 * outside marked content gets `/Artifact BMC … EMC`, tagged content is left alone, and every
 * sequence it adds nests properly with text objects and the graphics-state stack.
 */
import { describe, expect, it } from 'vitest';
import { readOperators } from '../src/finish/content-operators.js';
import { unmarkedRanges } from '../src/finish/mark-artifacts.js';

const wrapped = (content: string): string => {
  const bytes = new TextEncoder().encode(content);
  let out = '';
  let at = 0;
  for (const [start, end] of unmarkedRanges(readOperators(bytes))) {
    out += `${content.slice(at, start)}[${content.slice(start, end)}]`;
    at = end;
  }
  return out + content.slice(at);
};

describe('unmarked painting becomes an artifact', () => {
  it('wraps a whole unmarked text object, and joins neighbours with nothing marked between', () => {
    expect(wrapped('BT /F1 8 Tf (Page ) Tj ET 0 g BT (1 of 6) Tj ET')).toBe(
      '[BT /F1 8 Tf (Page ) Tj ET 0 g BT (1 of 6) Tj ET]',
    );
  });

  it('leaves tagged content alone and does not join across it', () => {
    expect(wrapped('BT (a) Tj ET /P <</MCID 0>> BDC BT (b) Tj ET EMC BT (c) Tj ET')).toBe(
      '[BT (a) Tj ET] /P <</MCID 0>> BDC BT (b) Tj ET EMC [BT (c) Tj ET]',
    );
  });

  it('wraps single shows inside a text object that is partly tagged', () => {
    expect(wrapped('BT (a) Tj /Span <</MCID 1>> BDC (b) Tj EMC (c) Tj ET')).toBe(
      'BT [(a) Tj] /Span <</MCID 1>> BDC (b) Tj EMC [(c) Tj] ET',
    );
  });

  it('wraps a path from its first point to its painting, never a clipping path', () => {
    expect(wrapped('q 0 0 5 5 re W n 1 0 0 RG 0 0 m 5 5 l S Q')).toBe(
      'q 0 0 5 5 re W n 1 0 0 RG [0 0 m 5 5 l S] Q',
    );
  });

  it('does not join across a Q that closes the state the first range was drawn in', () => {
    expect(wrapped('q 0 0 1 1 re f Q 0 0 2 2 re f')).toBe('q [0 0 1 1 re f] Q [0 0 2 2 re f]');
  });

  it('reads strings with parentheses and escapes, hex strings and dictionaries as operands', () => {
    expect(wrapped('BT (a \\) b (c)) Tj <00410042> Tj ET /X0 Do')).toBe(
      '[BT (a \\) b (c)) Tj <00410042> Tj ET /X0 Do]',
    );
  });
});
