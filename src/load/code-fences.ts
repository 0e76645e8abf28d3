/**
 * Reads Markdown line by line for its code fences: the function returned says whether a line
 * belongs to a fenced code block (its fences included), so that scanners of lines (the first
 * heading, slide separators) skip code. A closing fence is the opener's character, at least as
 * long.
 */
export function codeFenceReader(): (line: string) => boolean {
  let fence: string | undefined;
  return (line) => {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
      return true;
    }
    fence = opener;
    return opener !== undefined;
  };
}
