/** What a long build says while it runs: a bar on a terminal, a line every few seconds in CI. */
export interface Progress {
  start(total: number, cached: number): void;
  /** One document set written. */
  done(): void;
  failed(): void;
  /** Clears the bar; the caller prints the summary. */
  stop(): void;
}

export interface ProgressOptions {
  stream?: NodeJS.WriteStream;
  /** Seconds between plain lines when the stream is not a terminal. */
  interval?: number;
  now?: () => number;
}

export const silentProgress: Progress = { start() {}, done() {}, failed() {}, stop() {} };

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const interval = (options.interval ?? 5) * 1000;
  const tty = Boolean(stream.isTTY);
  let total = 0;
  let finished = 0;
  let failures = 0;
  let started = 0;
  let lastLine = 0;
  let drawn = false;

  const eta = (): string => {
    const elapsed = now() - started;
    if (finished === 0 || finished >= total) return '';
    const seconds = Math.ceil(((elapsed / finished) * (total - finished)) / 1000);
    return ` · ETA ${seconds >= 60 ? `${Math.floor(seconds / 60)}m ${seconds % 60}s` : `${seconds}s`}`;
  };
  const counts = () =>
    `${finished}/${total} documents${failures > 0 ? ` · ${failures} failed` : ''}`;
  const draw = () => {
    if (total === 0) return;
    if (tty) {
      const width = 24;
      const filled = Math.round((finished / total) * width);
      stream.write(
        `\r\x1b[2K[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts()}${eta()}`,
      );
      drawn = true;
    } else if (now() - lastLine >= interval || finished === total) {
      stream.write(`progress: ${counts()}${eta()}\n`);
      lastLine = now();
    }
  };

  return {
    start(count, cached) {
      total = count;
      started = now();
      lastLine = started;
      if (!tty && count > 0)
        stream.write(
          `building ${count} document set(s)${cached > 0 ? `, ${cached} output(s) unchanged` : ''}\n`,
        );
      draw();
    },
    done() {
      finished++;
      draw();
    },
    failed() {
      finished++;
      failures++;
      draw();
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
