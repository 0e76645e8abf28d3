/** One of n equal shares of all documents, for a CI matrix job. */
export interface Shard {
  index: number;
  count: number;
}

/** More shares than any CI matrix runs; past it, `n` names a manifest file no one will merge. */
export const maxShards = 10_000;

/** `2/4` → { index: 2, count: 4 }; undefined unless 1 ≤ i ≤ n ≤ maxShards. */
export function readShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return match && count <= maxShards && index >= 1 && index <= count ? { index, count } : undefined;
}

/** Every n-th item of the sorted list, from the shard's own offset: disjoint, and all covered. */
export function selectShard<T>(items: readonly T[], shard: Shard): T[] {
  return items.filter((_, index) => index % shard.count === shard.index - 1);
}
