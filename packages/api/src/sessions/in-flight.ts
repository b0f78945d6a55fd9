/**
 * Loads in progress, shared by concurrent misses of one key. When a cached answer ends, every
 * request already in flight misses at once: under load (50 connections, a batch of 3 calls each)
 * that was ~150 session and ~150 settings queries every cache lifetime instead of one each, about
 * a quarter of a statement per request that the database and Drizzle paid for nothing.
 *
 * A miss joins a load only when it began under the same generation (generations.ts): a lookup
 * that starts after a change must not be answered by a read that may predate the change.
 */
export class InFlight<V> {
  private readonly loads = new Map<string, { generation: number; promise: Promise<V> }>();

  run(key: string, generation: number, load: () => Promise<V>): Promise<V> {
    const current = this.loads.get(key);
    if (current && current.generation === generation) return current.promise;
    const promise: Promise<V> = Promise.resolve()
      .then(load)
      // Only our own entry: a newer generation's load may have taken the key meanwhile.
      .finally(() => {
        if (this.loads.get(key)?.promise === promise) this.loads.delete(key);
      });
    this.loads.set(key, { generation, promise });
    return promise;
  }
}
