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

// Byte classes as lookup tables: content streams run to megabytes, read once per page.
const whitespace = byteClass([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const delimiters = byteClass([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
/** Bytes a numeric operand starts with: digits, sign, decimal point. Operators never do. */
const numberStarts = byteClass([
  0x2b, 0x2d, 0x2e, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39,
]);
const keywords = new Set(['true', 'false', 'null']);

function byteClass(bytes: readonly number[]): Uint8Array {
  const table = new Uint8Array(256);
  for (const byte of bytes) table[byte] = 1;
  return table;
}

export function readOperators(bytes: Uint8Array): ContentOperator[] {
  const operators: ContentOperator[] = [];
  let operandStart = -1;
  let at = 0;
  const length = bytes.length;
  while (at < length) {
    const byte = bytes[at]!;
    if (whitespace[byte]) {
      at++;
    } else if (byte === 0x25 /* % */) {
      while (at < length && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at++;
    } else if (byte === 0x28 /* ( */) {
      if (operandStart < 0) operandStart = at;
      at = skipLiteralString(bytes, at);
    } else if (byte === 0x3c /* < */ && bytes[at + 1] !== 0x3c) {
      if (operandStart < 0) operandStart = at;
      while (at < length && bytes[at] !== 0x3e) at++;
      at++;
    } else if (delimiters[byte] && byte !== 0x2f /* / */) {
      if (operandStart < 0) operandStart = at;
      at += (byte === 0x3c || byte === 0x3e) && bytes[at + 1] === byte ? 2 : 1;
    } else {
      const from = at;
      at++;
      while (at < length && !whitespace[bytes[at]!] && !delimiters[bytes[at]!]) at++;
      // Names and numbers are operands: only operators (and three keywords) need their text.
      if (byte === 0x2f || numberStarts[byte]) {
        if (operandStart < 0) operandStart = from;
        continue;
      }
      const word = operatorName(bytes, from, at);
      if (keywords.has(word)) {
        if (operandStart < 0) operandStart = from;
        continue;
      }
      if (word === 'ID') at = skipInlineImage(bytes, at);
      operators.push({ name: word, start: operandStart < 0 ? from : operandStart, end: at });
      operandStart = -1;
    }
  }
  return operators;
}

/** Operators are one to three letters; decoding them byte by byte beats a decoder call. */
function operatorName(bytes: Uint8Array, from: number, to: number): string {
  let name = '';
  for (let at = from; at < to; at++) name += String.fromCharCode(bytes[at]!);
  return name;
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
      whitespace[bytes[at]!] &&
      bytes[at + 1] === 0x45 &&
      bytes[at + 2] === 0x49 &&
      (at + 3 >= bytes.length || whitespace[bytes[at + 3]!])
    )
      return at + 1;
  }
  return bytes.length;
}
