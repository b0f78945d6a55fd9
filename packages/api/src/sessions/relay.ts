import { randomUUID } from "node:crypto";
import type { Logger } from "../context.js";
import { type Generations, processGenerations } from "./generations.js";

/** The request-path caches that learn of changes: each has its own counters (generations.ts). */
export type CacheKind = keyof typeof processGenerations;

/**
 * What the relay carries: a cache kind's bump of one studio, or `tenants` — the tenant registry
 * (slug/domain → tenant, status) changed here (a suspension, a new domain); another node then
 * drops its registry's answers instead of serving a suspended studio for TENANT_CACHE_TTL_MS.
 */
export type RelayedKind = CacheKind | "tenants";

/** How a cache learns whether it may keep answers long, and tells other nodes of a change. */
export interface CacheSync {
  /** True while this node hears other nodes' changes (their changes reach it within seconds). */
  hearing(): boolean;
  /** A change of the studio's cached answers committed here: tell the other nodes. */
  changed(tenantId: number): void;
}

/** A cache kept by a node that hears nobody: answers are kept only for DEAF_LIFETIME_MS. */
export const DEAF: CacheSync = { hearing: () => false, changed: () => {} };

/** While a node does not hear other nodes, an answer is reused for at most this long. */
export const DEAF_LIFETIME_MS = 5_000;

/**
 * Whether a cached answer `age` ms old may still be used (the sessions' and the settings' rule):
 * within its lifetime, and — for a cache that has a sync — within DEAF_LIFETIME_MS unless the node
 * hears the other nodes.
 */
export function fresh(age: number, lifetimeMs: number, sync: CacheSync | undefined): boolean {
  return age < lifetimeMs && (sync === undefined || age < DEAF_LIFETIME_MS || sync.hearing());
}

/** The shared table the relay talks through (the control database's `cache_changes`, in @fotostudio/db). */
export interface ChangeLog {
  append(changes: ReadonlyArray<{ tenantId: number; kind: string; node: string }>): Promise<void>;
  since(
    since: Date | null,
    node: string,
  ): Promise<{ now: Date; changes: ReadonlyArray<{ id: number; tenantId: number; kind: string; createdAt: Date }> }>;
  prune(seconds: number): Promise<void>;
}

export interface ChangeRelayOptions {
  log: ChangeLog;
  /** Milliseconds between reads of the log. */
  intervalMs: number;
  logger: Logger;
  /** This node's counters; default: the process's. */
  generations?: Record<CacheKind, Generations>;
  /** What to do when another node reports a change that is not a cache kind's bump (`tenants`). */
  listeners?: Partial<Record<Exclude<RelayedKind, CacheKind>, (tenantId: number) => void>>;
  now?: () => number;
}

// A row is read again for this long after the read that first could see it: the time between a
// row taking its created_at and its commit becoming visible (an autocommit insert: microseconds).
const OVERLAP_MS = 5_000;
// Reads missed in a row before the node counts as deaf.
const MISSED_READS = 3;
// Rows are kept this long, and pruned about every this many reads.
const KEEP_SECONDS = 600;
const PRUNE_EVERY = 300;

// A node is a set of counters: relays over the same counters (several apps in one process, as in
// tests) are one node and skip each other's rows, which their shared counters already hold.
const nodes = new WeakMap<Generations, string>();
function nodeOf(generations: Generations): string {
  const known = nodes.get(generations);
  if (known) return known;
  const node = randomUUID();
  nodes.set(generations, node);
  return node;
}

/**
 * Carries cache invalidations between app nodes through the control database, so the caches may
 * keep answers for SESSION_CACHE_SECONDS without serving another node's revoked session or old
 * permissions for that long. A change bumps this node's generation at once (the caches do it) and
 * is appended to `cache_changes`; every node reads the rows other nodes appended since its last
 * read, every `intervalMs`, and bumps those studios' generations. So another node's change is
 * seen here within about `MISSED_READS × intervalMs` at worst, and the caches count on it only
 * while reads succeed (`hearing`): a node cut off from the control database, or not started yet,
 * falls back to answers of at most DEAF_LIFETIME_MS. Changes that cannot be appended are kept and
 * appended again on the next read (logged), never dropped. When REDIS_URL arrives, pub/sub can
 * replace the reads; the caches only see `CacheSync`.
 */
export class ChangeRelay {
  /** This node's name in `cache_changes`: its own rows are not applied twice. */
  readonly node: string;
  private readonly generations: Record<CacheKind, Generations>;
  private readonly now: () => number;
  private pending: { tenantId: number; kind: RelayedKind; node: string }[] = [];
  // What the last successful read returned as the control server's clock, and when (local) it began.
  private cursor: Date | null = null;
  private heardAt = Number.NEGATIVE_INFINITY;
  // Rows already applied, by id → created_at (ms): kept while reads can still return them.
  private readonly applied = new Map<number, number>();
  private reads = 0;
  private failing = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: ChangeRelayOptions) {
    this.generations = options.generations ?? processGenerations;
    this.now = options.now ?? Date.now;
    this.node = nodeOf(this.generations.sessions);
  }

  /** The sync one cache kind uses. */
  for(kind: CacheKind): CacheSync {
    return { hearing: () => this.hearing(), changed: (tenantId) => this.publish(kind, tenantId) };
  }

  hearing(): boolean {
    return !this.stopped && this.now() - this.heardAt <= MISSED_READS * this.options.intervalMs;
  }

  /** Tells the other nodes; this node's caches have already dropped the studio's entries. */
  publish(kind: RelayedKind, tenantId: number): void {
    this.pending.push({ tenantId, kind, node: this.node });
    void this.flush();
  }

  /** Reads now, then every `intervalMs` until `stop`. */
  start(): void {
    const loop = async (): Promise<void> => {
      await this.tick();
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.running = loop();
      }, this.options.intervalMs).unref();
    };
    this.running = loop();
  }

  /** Stops reading and appends what is still pending (a node shutting down tells the others). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.flush();
  }

  /** One read of the log (and pending appends): what the timer runs. */
  async tick(): Promise<void> {
    await this.flush();
    const startedAt = this.now();
    try {
      const since = this.cursor && new Date(this.cursor.getTime() - OVERLAP_MS);
      const { now, changes } = await this.options.log.since(since, this.node);
      this.apply(changes, now);
      this.cursor = now;
      this.heardAt = startedAt;
      if (this.failing) this.options.logger.info({ node: this.node }, "cache relay: hearing other nodes again");
      this.failing = false;
      if (++this.reads % PRUNE_EVERY === 0) await this.options.log.prune(KEEP_SECONDS);
    } catch (error) {
      if (!this.failing) {
        this.options.logger.warn(
          { err: error, node: this.node },
          `cache relay: cannot read other nodes' changes; cached sessions and settings last ${DEAF_LIFETIME_MS / 1000} s`,
        );
      }
      this.failing = true;
    }
  }

  private apply(changes: ReadonlyArray<{ id: number; tenantId: number; kind: string; createdAt: Date }>, now: Date) {
    for (const change of changes) {
      if (this.applied.has(change.id)) continue;
      this.applied.set(change.id, change.createdAt.getTime());
      if (Object.hasOwn(this.generations, change.kind))
        this.generations[change.kind as CacheKind].bump(change.tenantId);
      else if (change.kind === "tenants") this.options.listeners?.tenants?.(change.tenantId);
    }
    // Forget rows the next read cannot return any more.
    const oldest = now.getTime() - OVERLAP_MS;
    for (const [id, createdAt] of this.applied) if (createdAt < oldest) this.applied.delete(id);
  }

  /**
   * Appends what is pending. Appends run one after another, and a call waits for those before it:
   * a tick reads only once every change published before it has been appended (or has failed and
   * waits for the next tick), instead of racing an append a `publish` started.
   */
  private flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.append());
    return this.flushing;
  }

  private async append(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.options.log.append(batch);
    } catch (error) {
      // Kept for the next read's flush: other nodes must hear of it, late rather than never.
      this.pending = [...batch, ...this.pending];
      this.options.logger.warn(
        { err: error, node: this.node, pending: this.pending.length },
        "cache relay: cannot tell other nodes of a change",
      );
    }
  }
}
