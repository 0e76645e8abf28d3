/**
 * A PDF content stream read as a list of operators with their byte ranges (ISO 32000-1, 7.8.2),
 * enough to place marked-content operators around graphics objects without re-writing anything
 * else. Operands are skipped, not interpreted.
 */
export interface ContentOperator {
  name: string;
  /** Offset of the operator's first operand (or of the operator when it has none). */
  start: number;
  /** Offset just after the operator. */
  end: number;
}

const whitespace = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const delimiters = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const number = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const keywords = new Set(['true', 'false', 'null']);

export function readOperators(bytes: Uint8Array): ContentOperator[] {
  const operators: ContentOperator[] = [];
  let operandStart = -1;
  let at = 0;
  const startOperand = (offset: number) => {
    if (operandStart < 0) operandStart = offset;
  };
  while (at < bytes.length) {
    const byte = bytes[at] ?? 0;
    if (whitespace.has(byte)) {
      at++;
    } else if (byte === 0x25 /* % */) {
      while (at < bytes.length && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at++;
    } else if (byte === 0x28 /* ( */) {
      startOperand(at);
      at = skipLiteralString(bytes, at);
    } else if (byte === 0x3c /* < */ && bytes[at + 1] !== 0x3c) {
      startOperand(at);
      while (at < bytes.length && bytes[at] !== 0x3e) at++;
      at++;
    } else if (delimiters.has(byte) && byte !== 0x2f /* / */) {
      startOperand(at);
      at += (byte === 0x3c || byte === 0x3e) && bytes[at + 1] === byte ? 2 : 1;
    } else {
      const from = at;
      at++;
      while (
        at < bytes.length &&
        !whitespace.has(bytes[at] ?? 0) &&
        !delimiters.has(bytes[at] ?? 0)
      )
        at++;
      const word = String.fromCharCode(...bytes.subarray(from, at));
      if (byte === 0x2f || number.test(word) || keywords.has(word)) {
        startOperand(from);
        continue;
      }
      if (word === 'ID') at = skipInlineImage(bytes, at);
      operators.push({ name: word, start: operandStart < 0 ? from : operandStart, end: at });
      operandStart = -1;
    }
  }
  return operators;
}

function skipLiteralString(bytes: Uint8Array, from: number): number {
  let depth = 0;
  let at = from;
  while (at < bytes.length) {
    const byte = bytes[at];
    if (byte === 0x5c /* \ */) at += 2;
    else {
      if (byte === 0x28) depth++;
      else if (byte === 0x29 && --depth === 0) return at + 1;
      at++;
    }
  }
  return at;
}

/** Inline image data runs from after `ID` to whitespace, `EI`, whitespace. */
function skipInlineImage(bytes: Uint8Array, from: number): number {
  for (let at = from + 1; at + 2 < bytes.length; at++) {
    if (
      whitespace.has(bytes[at] ?? 0) &&
      bytes[at + 1] === 0x45 &&
      bytes[at + 2] === 0x49 &&
      (at + 3 >= bytes.length || whitespace.has(bytes[at + 3] ?? 0))
    )
      return at + 1;
  }
  return bytes.length;
}
