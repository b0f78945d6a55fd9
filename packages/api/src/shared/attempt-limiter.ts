import { LRUCache } from "lru-cache";
import type { AttemptLimiter } from "../context.js";

/**
 * At most `max` failures per key within `windowSeconds` (sliding window), counted in this
 * process's memory. With several app nodes the counters belong in Redis (same interface).
 */
export class MemoryAttemptLimiter implements AttemptLimiter {
  private readonly failures: LRUCache<string, number[]>;

  constructor(
    private readonly max: number,
    private readonly windowSeconds: number,
  ) {
    this.failures = new LRUCache({ max: 100_000, ttl: windowSeconds * 1000 });
  }

  async retryAfter(key: string): Promise<number> {
    const recent = this.recent(key);
    if (recent.length < this.max) return 0;
    const oldest = recent[recent.length - this.max] ?? Date.now();
    return Math.max(1, Math.ceil((oldest + this.windowSeconds * 1000 - Date.now()) / 1000));
  }

  async fail(key: string): Promise<void> {
    this.failures.set(key, [...this.recent(key), Date.now()]);
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = Date.now() - this.windowSeconds * 1000;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
