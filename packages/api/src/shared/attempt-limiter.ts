import { LRUCache } from "lru-cache";
import type { AttemptLimiter, AttemptPolicy } from "../context.js";

/**
 * Failures per key within the policy's window (sliding), counted in this process's memory. With
 * several app nodes the counters belong in Redis (same interface: the policy travels with each call).
 */
export class MemoryAttemptLimiter implements AttemptLimiter {
  // Each key is kept for its own policy's window (set per entry), then dropped.
  private readonly failures = new LRUCache<string, number[]>({ max: 100_000 });

  async retryAfter(key: string, policy: AttemptPolicy): Promise<number> {
    const recent = this.recent(key, policy);
    if (recent.length < policy.max) return 0;
    const oldest = recent[recent.length - policy.max] ?? Date.now();
    return Math.max(1, Math.ceil((oldest + policy.windowSeconds * 1000 - Date.now()) / 1000));
  }

  async fail(key: string, policy: AttemptPolicy): Promise<void> {
    this.failures.set(key, [...this.recent(key, policy), Date.now()], { ttl: policy.windowSeconds * 1000 });
  }

  async reset(key: string): Promise<void> {
    this.failures.delete(key);
  }

  private recent(key: string, policy: AttemptPolicy): number[] {
    const since = Date.now() - policy.windowSeconds * 1000;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }
}
