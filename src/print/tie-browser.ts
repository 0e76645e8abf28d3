import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Ties a launched browser's life to briefkit's, whatever ends briefkit. Puppeteer starts the
 * browser as the leader of its own process group; the whole group goes:
 *  - on `exit` (done, an error, a signal, a crash), synchronously;
 *  - when the leader exits (a wrapper script killed alone, a crash), its survivors too;
 *  - when briefkit is killed outright (SIGKILL, where no handler runs): see `watchBrowser`.
 */
export function tieToProcess(child: ChildProcess, watchdog: Watchdog): void {
  const pid = child.pid;
  if (pid === undefined || process.platform === 'win32') return;
  const end = () => {
    killGroup(pid, () => undefined);
    watchdog.stop();
  };
  process.once('exit', end);
  child.once('exit', () => {
    end();
    process.off('exit', end);
  });
}

/**
 * Ends the browser and every process it started: the process group at once, including a real
 * browser behind a wrapper script (Debian's /usr/bin/chromium* run the binary without `exec`)
 * that would outlive its shell and hold our pipes open.
 */
export function killGroup(pid: number, fallback: () => void): void {
  try {
    if (process.platform === 'win32') throw new Error('no process groups');
    process.kill(-pid, 'SIGKILL');
  } catch {
    fallback();
  }
}

export interface Watchdog {
  stop: () => void;
}

/**
 * Started before the browser is, for the time no handler runs: when briefkit is killed outright
 * (SIGKILL), the DevTools pipe closes and the browser normally exits on its own; and this shell,
 * waiting on a pipe from briefkit, then kills the process group of every process that names the
 * browser's profile folder — for helper processes still starting, a browser that is frozen, or
 * one killed before Puppeteer even handed it over; and it removes the build's work folder (page
 * files and profile), which an `exit` handler would have. `read` returns when every copy of the
 * pipe's write end is gone, which is when briefkit is.
 */
export function watchBrowser(profileDir: string): Watchdog {
  if (process.platform !== 'linux') return { stop: () => undefined };
  try {
    const watchdog = spawn('/bin/sh', ['-c', watchdogScript], {
      stdio: ['pipe', 'ignore', 'ignore'],
      // Not in the shell's arguments, or the shell would find itself.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', BRIEFKIT_PROFILE: profileDir },
      // Its own group: a Ctrl-C meant for briefkit does not end it before it has done its work.
      detached: true,
    });
    watchdog.on('error', () => undefined);
    watchdog.stdin?.on('error', () => undefined);
    // Neither the process nor its pipe keeps briefkit running.
    watchdog.unref();
    (watchdog.stdin as { unref?: () => void } | null)?.unref?.();
    return { stop: () => watchdog.kill('SIGKILL') };
  } catch {
    return { stop: () => undefined };
  }
}

// The profile folder goes to grep on its input, not in its arguments, or grep would find itself.
// Field 5 of /proc/<pid>/stat is the process group (fields 1–4 hold no space for Chromium's).
// Then the build's work folder (the profile's parent) goes too, once its writers are dead.
const watchdogScript = `read _
for f in $(printf '%s\\n' "$BRIEFKIT_PROFILE" | grep -lsFf - /proc/[0-9]*/cmdline); do
  g=$(cut -d' ' -f5 "\${f%cmdline}stat" 2>/dev/null)
  [ -n "$g" ] && [ "$g" != $$ ] && kill -9 "-$g" 2>/dev/null
done
d=\${BRIEFKIT_PROFILE%/*}
case \${d##*/} in briefkit-print-*)
  for _ in 1 2 3 4 5 6 7 8 9 10; do rm -rf "$d" 2>/dev/null; [ -e "$d" ] || break; sleep 0.1; done
esac`;
