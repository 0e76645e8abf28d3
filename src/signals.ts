/**
 * How briefkit ends on Ctrl-C (SIGINT), a CI timeout (SIGTERM) or a closed terminal (SIGHUP).
 *
 * Normally through `process.exit`, so that the `exit` handlers remove half-written files, release
 * locks and end the browser. But a handler only runs when the event loop does, and parsing a
 * large brief, or finishing a PDF of a thousand pages, holds it for seconds: during that work (`interruptible`) the system's default
 * action is restored, and a signal ends the process at once, as SIGKILL would. That leaves
 * nothing behind that a killed build does not: its browser and work folder end with it
 * (src/print/tie-browser.ts) and the next run removes any other temporary file. Except while a
 * file is being written or a lock is held (`cleanupPending`): then the handlers stay, and a signal
 * waits for the work to yield (milliseconds: the bytes are ready before a write starts).
 */

/** The exit code a shell gives a process ended by each signal (128 + its number). */
const exitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type Signal = keyof typeof exitCodes;
const signals = Object.keys(exitCodes) as Signal[];

interface SignalState {
  installed: boolean;
  /** Work going on that a signal may end outright; cleanups that need the `exit` handlers. */
  busy: number;
  cleanups: number;
  /** Listeners taken off while the default action is in force, put back after. */
  removed: Map<Signal, ((...args: unknown[]) => void)[]> | undefined;
}

// One state for the process: the document pipeline is a bundle of its own (dist/bin/pipeline.cjs)
// with its own copy of this module, and its parsing answers to the CLI's handlers.
const key = Symbol.for('briefkit.signals');
const state = ((globalThis as { [key]?: SignalState })[key] ??= {
  installed: false,
  busy: 0,
  cleanups: 0,
  removed: undefined,
});

/**
 * The CLI's handlers: each signal ends the process through `exit` (whose handlers clean up), and
 * then by the signal itself, as the default action would have: whichever way a signal arrives, a
 * parent process sees the process ended by it (`signal: 'SIGTERM'`) and a shell the code 128 + n.
 */
export function exitOnSignals(): void {
  state.installed = true;
  for (const signal of signals)
    process.once(signal, () => {
      // The last `exit` handler: every cleanup registered before it has run.
      process.once('exit', () => {
        process.removeAllListeners(signal);
        try {
          process.kill(process.pid, signal);
        } catch {
          // Not deliverable: the exit code below says the same.
        }
      });
      process.exit(exitCodes[signal]);
    });
  settle();
}

/**
 * Runs `task`, long synchronous work that writes nothing (reading and parsing briefs; rendering,
 * printing and finishing a document in memory), with the default action for signals: Ctrl-C or
 * SIGTERM ends the process within the moment, not when the work ends.
 */
export async function interruptible<T>(task: () => Promise<T> | T): Promise<T> {
  state.busy++;
  settle();
  try {
    return await task();
  } finally {
    state.busy--;
    settle();
  }
}

/**
 * Marks something the `exit` handlers must clean up (a temporary file, a lock) until the returned
 * function is called; meanwhile signals wait for the handlers, even during `interruptible` work.
 */
export function cleanupPending(): () => void {
  state.cleanups++;
  settle();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    state.cleanups--;
    settle();
  };
}

/** Puts the default action in force, or the handlers back, as the state now asks. */
function settle(): void {
  const fast = state.installed && state.busy > 0 && state.cleanups === 0;
  if (fast && !state.removed) {
    // Every listener, not only ours: while one is left, Node keeps the signal from its default.
    state.removed = new Map(
      signals.map((signal) => [
        signal,
        process.rawListeners(signal) as ((...args: unknown[]) => void)[],
      ]),
    );
    for (const signal of signals) process.removeAllListeners(signal);
  } else if (!fast && state.removed) {
    for (const [signal, listeners] of state.removed)
      for (const listener of listeners) process.on(signal, listener);
    state.removed = undefined;
  }
}
