import createDebug from 'debug';
import { isatty } from 'node:tty';

// Puppeteer makes a logger for every DevTools message, and each asks whether stderr is a terminal
// (a system call, thousands a build): asked once here, with the same answer.
const inspectOpts = (createDebug as { inspectOpts?: Record<string, unknown> }).inspectOpts;
if (inspectOpts && !('colors' in inspectOpts)) inspectOpts.colors = isatty(process.stderr.fd);

/** Namespaced debug logging: `DEBUG=briefkit:* briefkit build`. */
export const debug = (namespace: string) => createDebug(`briefkit:${namespace}`);
