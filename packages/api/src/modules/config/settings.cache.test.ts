import { describe, expect, it } from "vitest";
import { Generations } from "../../sessions/generations.js";
import type { CacheSync } from "../../sessions/relay.js";
import { cacheSettingsOf, MemorySettingsCache, settingsCacheOf } from "./settings.cache.js";

function setup(lifetimeSeconds = 5, sync?: CacheSync) {
  let now = 1_000_000;
  const cache = new MemorySettingsCache({
    lifetimeSeconds,
    generations: new Generations(),
    now: () => now,
    ...(sync && { sync }),
  });
  let loads = 0;
  const load = async () => ({ timeZone: `zone ${++loads}` });
  return {
    cache,
    load,
    loads: () => loads,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("settings cache", () => {
  it("keeps a group its lifetime while the node hears the others, 5 s otherwise, and tells them of a change", async () => {
    let hearing = true;
    const told: number[] = [];
    const t = setup(60, { hearing: () => hearing, changed: (id) => told.push(id) });
    await t.cache.read(1, "system", t.load);
    t.advance(30_000);
    await t.cache.read(1, "system", t.load);
    expect(t.loads()).toBe(1);
    hearing = false;
    await t.cache.read(1, "system", t.load);
    expect(t.loads()).toBe(2); // 30 s old and the node deaf: read again
    t.advance(4_000);
    await t.cache.read(1, "system", t.load);
    expect(t.loads()).toBe(2);
    t.cache.changed(1);
    expect(told).toEqual([1]);
  });

  it("reuses a group per tenant within its lifetime, then loads again", async () => {
    const t = setup(5);
    expect(await t.cache.read(1, "system", t.load)).toEqual({ timeZone: "zone 1" });
    expect(await t.cache.read(1, "system", t.load)).toEqual({ timeZone: "zone 1" });
    await t.cache.read(1, "security", t.load);
    await t.cache.read(2, "system", t.load);
    expect(t.loads()).toBe(3);
    t.advance(5_000);
    expect(await t.cache.read(1, "system", t.load)).toEqual({ timeZone: "zone 4" });
  });

  it("a change drops the tenant's groups, and a read racing it is not kept", async () => {
    const t = setup();
    await t.cache.read(1, "system", t.load);
    t.cache.changed(1);
    const racing = async () => {
      const value = await t.load();
      t.cache.changed(1);
      return value;
    };
    expect(await t.cache.read(1, "system", racing)).toEqual({ timeZone: "zone 2" });
    expect(await t.cache.read(1, "system", t.load)).toEqual({ timeZone: "zone 3" });
  });

  it("reads that miss together share one load; one begun after a change does not join it", async () => {
    const t = setup();
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = async () => {
      await gate;
      return t.load();
    };
    const together = [1, 2, 3].map(() => t.cache.read(1, "system", slow));
    t.cache.changed(1);
    const after = t.cache.read(1, "system", slow);
    release();
    expect(await Promise.all(together)).toEqual([
      { timeZone: "zone 1" },
      { timeZone: "zone 1" },
      { timeZone: "zone 1" },
    ]);
    expect(await after).toEqual({ timeZone: "zone 2" });
    expect(t.loads()).toBe(2);
  });

  it("with a lifetime of 0 always loads", async () => {
    const t = setup(0);
    await t.cache.read(1, "system", t.load);
    await t.cache.read(1, "system", t.load);
    expect(t.loads()).toBe(2);
  });

  it("only a registered database reads through the cache (a transaction is another executor)", () => {
    const { cache } = setup();
    const db = {};
    const tx = {};
    cacheSettingsOf(db, 1, cache);
    expect(settingsCacheOf(db)).toEqual({ tenantId: 1, cache });
    expect(settingsCacheOf(tx)).toBeUndefined();
  });
});
