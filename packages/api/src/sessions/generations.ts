/**
 * Per-studio change counters: how the request-path caches (sessions, studio settings) learn that
 * what they hold may be wrong. A change bumps its studio's counter; an entry filled under an older
 * one is a miss, and a fill that began before a bump is not kept (it may have read the old rows).
 *
 * The counters are the process's, shared by every cache in it: two apps in one process (tests
 * run several over one database) are one node and see each other's changes at once. Between
 * nodes the relay (relay.ts) carries bumps through the control database.
 */
export class Generations {
  // One number per studio this process served: never evicted, since forgetting a studio's
  // counter would bring its older entries back to life.
  private readonly counters = new Map<number, number>();

  of(tenantId: number): number {
    return this.counters.get(tenantId) ?? 0;
  }

  bump(tenantId: number): void {
    this.counters.set(tenantId, this.of(tenantId) + 1);
  }
}

/** The process's counters, one set per cache kind: a settings change need not drop sessions. */
export const processGenerations = { sessions: new Generations(), settings: new Generations() };
