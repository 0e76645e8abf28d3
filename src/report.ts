import type { VFile } from 'vfile';

type VFileMessage = VFile['messages'][number];

type Severity = 'error' | 'warning' | 'info';

/** vfile's three kinds: fatal true is an error, false a warning, undefined an info line. */
const severityOf = (message: VFileMessage): Severity =>
  message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';

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
      const severity = severityOf(message);
      if (severity === 'error') errors++;
      else if (severity === 'warning') warnings++;
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

/** How messages are printed: lines for people, annotations for GitHub Actions, JSON for tools. */
export const reporterNames = ['text', 'github', 'json'] as const;
export type ReporterName = (typeof reporterNames)[number];

/** GitHub Actions sets GITHUB_ACTIONS=true: its annotations are then the default. */
export const defaultReporter = (env: NodeJS.ProcessEnv = process.env): ReporterName =>
  env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';

/** One message, whatever prints it; `file` and the place are absent for run-wide problems. */
export interface ReportedProblem {
  severity: Severity;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  rule?: string | undefined;
}

/** Every message of `files`, in file order then place order. */
export function problemsOf(files: readonly VFile[]): ReportedProblem[] {
  return files.flatMap((file) =>
    [...file.messages]
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
      .map((message) => ({
        severity: severityOf(message),
        message: message.reason,
        file: file.path,
        line: message.line ?? 1,
        column: message.column ?? 1,
        endLine: message.place && 'end' in message.place ? message.place.end.line : undefined,
        endColumn: message.place && 'end' in message.place ? message.place.end.column : undefined,
        rule: message.ruleId ?? undefined,
      })),
  );
}

/**
 * The messages of `files` as `reporter` prints them; '' when there are none. Text goes to people
 * (stderr); GitHub annotations and JSON lines are read by machines (stdout).
 */
export function formatReport(files: readonly VFile[], reporter: ReporterName): string {
  if (reporter === 'text') return formatMessages(files);
  return problemsOf(files)
    .map((problem) => formatProblem(problem, reporter))
    .join('\n');
}

/** One problem: a workflow command (`::error file=…,line=…,col=…::…`) or a JSON object. */
export function formatProblem(problem: ReportedProblem, reporter: ReporterName): string {
  if (reporter === 'json') return JSON.stringify(problem);
  if (reporter === 'text') {
    const place = problem.file
      ? `${problem.file}:${problem.line ?? 1}:${problem.column ?? 1}  ${problem.severity}  `
      : 'briefkit: ';
    return `${place}${problem.message}${problem.rule ? `  ${problem.rule}` : ''}`;
  }
  const properties = [
    problem.file !== undefined && `file=${escapeProperty(problem.file)}`,
    problem.line !== undefined && `line=${problem.line}`,
    problem.column !== undefined && `col=${problem.column}`,
    `title=${escapeProperty(problem.rule ? `briefkit (${problem.rule})` : 'briefkit')}`,
  ].filter(Boolean);
  // GitHub's three annotation levels; an info line is a notice.
  const level = problem.severity === 'info' ? 'notice' : problem.severity;
  return `::${level} ${properties.join(',')}::${escapeData(problem.message)}`;
}

/** What `--max-warnings` counts: warnings, not info lines (an ignored front-matter key, a moved link). */
export const countWarnings = (files: readonly VFile[]): number =>
  files.reduce(
    (sum, file) =>
      sum + file.messages.filter((message) => severityOf(message) === 'warning').length,
    0,
  );

// Workflow command escaping, as @actions/core does it.
const escapeData = (text: string): string =>
  text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string =>
  escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
