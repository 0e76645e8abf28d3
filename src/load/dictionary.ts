/**
 * A null-prototype copy of a record: names written by users (stat ids, column names) are looked
 * up as data, so `toString` or `constructor` find nothing unless they were written.
 */
export function dictionary<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, record);
}

/** A null-prototype record from entries; `__proto__` among them stays an ordinary own key. */
export function dictionaryOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) record[key] = value;
  return record;
}
