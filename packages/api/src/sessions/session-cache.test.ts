import { describe, expect, it } from "vitest";
import { SYSTEM_ROLE_PERMISSIONS } from "../permissions.js";
import { Generations } from "./generations.js";
import type { CacheSync } from "./relay.js";
import { MemorySessionCache, type ValidatedSession } from "./session-cache.js";

// The cache's rules on a fake clock: what it may answer without the database, and when it must ask.

const MINUTE = 60_000;
const TTL = 30 * 60; // the studio's idle timeout, seconds

function setup(opts: { lifetimeSeconds?: number; max?: number; sync?: CacheSync } = {}) {
  let now = Date.UTC(2025, 0, 1, 12);
  const generations = new Generations();
  const cache = new MemorySessionCache({
    lifetimeSeconds: opts.lifetimeSeconds ?? 5,
    max: opts.max,
    generations,
    now: () => now,
    ...(opts.sync && { sync: opts.sync }),
  });
  let calls = 0;
  let expiresAt = new Date(now + TTL * 1000);
  const validated = (): ValidatedSession => ({
    auth: {
      user: {
        id: 1,
        email: "a@b.test",
        name: `Ana ${calls}`,
        phone: null,
        language: "es",
        avatarKey: null,
        roleId: 1,
        roleKey: "owner",
        roleIsSystem: true,
      },
      sessionId: 7,
      permissions: SYSTEM_ROLE_PERMISSIONS.owner ?? new Set(),
    },
    expiresAt,
    accessTtl: TTL,
  });
  const validate = async () => {
    calls++;
    return validated();
  };
  return {
    cache,
    generations,
    validate,
    calls: () => calls,
    advance: (ms: number) => {
      now += ms;
    },
    expireAt: (at: number) => {
      expiresAt = new Date(at);
    },
    now: () => now,
  };
}

describe("session cache", () => {
  it("answers a second lookup of the same token without validating", async () => {
    const t = setup();
    const first = await t.cache.lookup(1, "tok", t.validate);
    const second = await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(1);
    expect(second).toBe(first);
  });

  it("keeps tokens apart per tenant and per token", async () => {
    const t = setup();
    await t.cache.lookup(1, "tok", t.validate);
    await t.cache.lookup(2, "tok", t.validate);
    await t.cache.lookup(1, "other", t.validate);
    expect(t.calls()).toBe(3);
  });

  it("validates again once its lifetime has passed", async () => {
    const t = setup({ lifetimeSeconds: 5 });
    await t.cache.lookup(1, "tok", t.validate);
    t.advance(4_999);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(1);
    t.advance(1);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(2);
  });

  it("a change in the tenant makes its entries misses, not another tenant's", async () => {
    const t = setup();
    await t.cache.lookup(1, "tok", t.validate);
    await t.cache.lookup(2, "tok", t.validate);
    t.cache.changed(1);
    await t.cache.lookup(1, "tok", t.validate);
    await t.cache.lookup(2, "tok", t.validate);
    expect(t.calls()).toBe(3);
  });

  it("does not keep what a lookup read while a change happened", async () => {
    const t = setup();
    const racing = async () => {
      const found = await t.validate();
      t.cache.changed(1); // committed while the lookup was reading
      return found;
    };
    expect(await t.cache.lookup(1, "tok", racing)).not.toBeNull();
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(2);
  });

  it("never answers for a token past its expiry, nor once a slide is due", async () => {
    const t = setup({ lifetimeSeconds: 300 });
    // Half the idle timeout plus a minute left: cached until only half is left.
    t.expireAt(t.now() + TTL * 500 + MINUTE);
    await t.cache.lookup(1, "tok", t.validate);
    t.advance(MINUTE); // exactly half left: the engine would not slide yet
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(1);
    t.advance(1); // a slide is due: the database slides and answers
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(2);

    // A tiny idle timeout: the token's expiry itself ends the answer.
    const short = setup({ lifetimeSeconds: 300 });
    short.expireAt(short.now() + 1_000);
    await short.cache.lookup(1, "tok", short.validate);
    short.advance(1_000);
    await short.cache.lookup(1, "tok", short.validate);
    expect(short.calls()).toBe(2);
  });

  it("does not remember a refused token", async () => {
    const t = setup();
    let refused = 0;
    const refuse = async () => {
      refused++;
      return null;
    };
    expect(await t.cache.lookup(1, "bad", refuse)).toBeNull();
    expect(await t.cache.lookup(1, "bad", refuse)).toBeNull();
    expect(refused).toBe(2);
  });

  it("holds at most `max` entries, dropping the least recently used", async () => {
    const t = setup({ max: 2 });
    await t.cache.lookup(1, "a", t.validate);
    await t.cache.lookup(1, "b", t.validate);
    await t.cache.lookup(1, "a", t.validate); // a is now the most recent
    await t.cache.lookup(1, "c", t.validate); // drops b
    expect(t.calls()).toBe(3);
    await t.cache.lookup(1, "a", t.validate);
    expect(t.calls()).toBe(3);
    await t.cache.lookup(1, "b", t.validate);
    expect(t.calls()).toBe(4);
  });

  it("with a lifetime of 0 always validates", async () => {
    const t = setup({ lifetimeSeconds: 0 });
    await t.cache.lookup(1, "tok", t.validate);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(2);
  });

  it("caches sharing the generations see each other's changes (one node)", async () => {
    const t = setup();
    const sibling = new MemorySessionCache({ lifetimeSeconds: 5, generations: t.generations, now: t.now });
    await t.cache.lookup(1, "tok", t.validate);
    sibling.changed(1);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(2);
  });

  it("lookups that miss together share one validation; one begun after a change does not join it", async () => {
    const t = setup();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      await gate;
      return t.validate();
    };
    // A cache entry ending under load: every request in flight misses at once.
    const together = [1, 2, 3].map(() => t.cache.lookup(1, "tok", slow));
    t.cache.changed(1); // committed while that validation is still reading
    const after = t.cache.lookup(1, "tok", slow);
    release();
    const answers = await Promise.all(together);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
    await after;
    expect(t.calls()).toBe(2);
  });

  it("a failed validation fails the lookups that joined it, and the next lookup asks again", async () => {
    const t = setup();
    let failures = 0;
    const failing = async () => {
      failures++;
      throw new Error("database away");
    };
    const joined = await Promise.allSettled([1, 2].map(() => t.cache.lookup(1, "tok", failing)));
    expect(joined.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(failures).toBe(1);
    expect(await t.cache.lookup(1, "tok", t.validate)).not.toBeNull();
    expect(t.calls()).toBe(1);
  });

  it("keeps an answer its whole lifetime only while the node hears the others, 5 s otherwise", async () => {
    let hearing = true;
    const told: number[] = [];
    const t = setup({ lifetimeSeconds: 60, sync: { hearing: () => hearing, changed: (id) => told.push(id) } });
    await t.cache.lookup(1, "tok", t.validate);
    t.advance(59_000);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(1); // hearing: 59 s old and still answered
    t.advance(1_000);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(2); // the lifetime ends even while hearing

    hearing = false;
    t.advance(4_999);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(2); // deaf, but under 5 s old
    t.advance(1);
    await t.cache.lookup(1, "tok", t.validate);
    expect(t.calls()).toBe(3); // deaf: 5 s is the most another node's change can go unseen

    t.cache.changed(1);
    expect(told).toEqual([1]); // a change here is told to the other nodes
  });
});
