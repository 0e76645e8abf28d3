import type { VFile } from 'vfile';

/**
 * Content messages, one line each, `file:line:column  severity  reason  rule`: the shape editors
 * and CI annotations link to the source. Files without messages say nothing.
 */
export function formatMessages(files: readonly VFile[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    const messages = [...file.messages].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
    for (const message of messages) {
      // vfile: fatal true is an error, false a warning, undefined an info line.
      const severity =
        message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
      if (message.fatal === true) errors++;
      else if (message.fatal === false) warnings++;
      const place = `${file.path}:${message.line ?? 1}:${message.column ?? 1}`;
      lines.push(
        `${place}  ${severity}  ${message.reason}${message.ruleId ? `  ${message.ruleId}` : ''}`,
      );
    }
  }
  if (lines.length === 0) return '';
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(`${errors > 0 ? '✖' : '⚠'} ${count(errors, 'error')}, ${count(warnings, 'warning')}`);
  return lines.join('\n');
}
