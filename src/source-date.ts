import { error } from './errors.js';

/** 9999-12-31T23:59:59Z: the last second a PDF date (four-digit year) can carry. */
export const latestEpoch = 253_402_300_799;

/**
 * `SOURCE_DATE_EPOCH` as seconds since 1970, or undefined when unset. Anything but whole seconds
 * up to the year 9999 is an error: a date past it would be written as `D:0NaN…`.
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const given = env.SOURCE_DATE_EPOCH;
  if (given === undefined || given === '') return undefined;
  if (!/^\d+$/.test(given) || Number(given) > latestEpoch)
    return error(
      'USAGE',
      `SOURCE_DATE_EPOCH must be whole seconds since 1970 up to ${latestEpoch} (the year 9999), not \`${given}\``,
    );
  return Number(given);
}
