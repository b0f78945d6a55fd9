import { ChangeRelay, Generations } from "@fotostudio/api";
import {
  CacheChangeLog,
  cacheChanges,
  createDataLayer,
  dbConfigFromEnv,
  hashToken,
  prepareControlDatabase,
  sessionTokens,
} from "@fotostudio/db";
import { dropControlDatabase } from "@fotostudio/db/testing";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it as plain } from "vitest";
import { startServer } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// Several app nodes: each keeps checked sessions and settings in memory for SESSION_CACHE_SECONDS
// (60 s), and hears the others' changes through the control database's `cache_changes`
// (packages/api/src/sessions/relay.ts). Node A is the fixture's server; node B is a second server
// over the same databases with counters of its own, as another process would have.

const SYNC_MS = 100;
const it = studioTest({ env: { CACHE_SYNC_MS: String(SYNC_MS) } });

const ownCounters = () => ({ sessions: new Generations(), settings: new Generations() });
const silent = { info() {}, warn() {}, error() {} };

async function nodeB(layer: Parameters<typeof startServer>[1]) {
  return startServer({ CACHE_SYNC_MS: String(SYNC_MS) }, layer, { generations: ownCounters() });
}

describe("two app nodes", () => {
  it("B keeps a checked token past 5 s while it hears A, and sees A's logout within a few reads", async ({
    studio,
  }) => {
    await using b = await nodeB(studio.layer);
    const profileOnB = async (token: string) =>
      (
        await fetch(`${b.url}/api/auth/profile/`, {
          headers: { "x-tenant-id": studio.slug, authorization: `Bearer ${token}` },
        })
      ).status;
    const kept = await studio.owner.login();
    const loggedOut = await studio.owner.login();
    expect(await profileOnB(kept)).toBe(200);
    expect(await profileOnB(loggedOut)).toBe(200);

    // `kept` expires behind both apps' backs (a script: no node hears of it). B answering it after
    // more than 5 s shows its answers outlive the 5 s a deaf node may keep them.
    await studio.db
      .update(sessionTokens)
      .set({ expiresAt: sql`NOW(3) - INTERVAL 1 SECOND` })
      .where(eq(sessionTokens.tokenHash, hashToken(kept)));
    await new Promise((resolve) => setTimeout(resolve, 5_500));
    expect(await profileOnB(kept)).toBe(200);

    // A logout on A: B's 6 s old answer for that token goes within a few of B's reads.
    const logout = await studio.http("POST", "/api/auth/logout/", { token: loggedOut });
    expect(logout.status).toBe(200);
    const seenAt = Date.now();
    await expect.poll(() => profileOnB(loggedOut), { timeout: 2_000, interval: 25 }).toBe(401);
    expect(Date.now() - seenAt).toBeLessThan(2_000);
  });

  it("a settings change on A is seen by B's next reads, and one on B by A's", async ({ studio }) => {
    await using b = await nodeB(studio.layer);
    const zoneOn = async (url: string) =>
      (
        await fetch(`${url}/api/config/system/`, {
          headers: { "x-tenant-id": studio.slug, authorization: `Bearer ${studio.owner.token}` },
        })
      ).json() as Promise<{ timeZone: string }>;
    const before = (await zoneOn(b.url)).timeZone;
    expect(before).not.toBe("Asia/Tokyo");
    const patch = await studio.owner.http("PATCH", "/api/config/system/", { body: { timeZone: "Asia/Tokyo" } });
    expect(patch.status).toBe(200);
    await expect.poll(async () => (await zoneOn(b.url)).timeZone, { timeout: 2_000, interval: 25 }).toBe("Asia/Tokyo");

    const back = await fetch(`${b.url}/api/config/system/`, {
      method: "PATCH",
      headers: {
        "x-tenant-id": studio.slug,
        authorization: `Bearer ${studio.owner.token}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ timeZone: before }),
    });
    expect(back.status).toBe(200);
    await expect.poll(async () => (await zoneOn(studio.url)).timeZone, { timeout: 2_000, interval: 25 }).toBe(before);
  });
});

describe("two app nodes, each with its own tenant registry", () => {
  it("a studio suspended on A answers 403 on B within a few of B's reads, and is served again once resumed", async ({
    studio,
    operator,
  }) => {
    // B's own data layer, as another process has: its registry keeps answers for 30 s
    // (TENANT_CACHE_TTL_MS); without the relay B would serve the suspended studio all that time.
    await using b = await startServer({ CACHE_SYNC_MS: String(SYNC_MS) }, undefined, { generations: ownCounters() });
    const onB = async () => {
      const res = await fetch(`${b.url}/api/auth/profile/`, {
        headers: { "x-tenant-id": studio.slug, authorization: `Bearer ${studio.owner.token}` },
      });
      return { status: res.status, code: ((await res.json()) as { code?: string }).code };
    };
    expect((await onB()).status).toBe(200);

    const suspended = await operator.http("POST", `/api/tenants/${studio.record.id}/suspend`);
    expect(suspended.status, JSON.stringify(suspended.body)).toBe(200);
    await expect.poll(onB, { timeout: 2_000, interval: 25 }).toEqual({ status: 403, code: "TENANT_SUSPENDED" });

    const resumed = await operator.http("POST", `/api/tenants/${studio.record.id}/resume`);
    expect(resumed.status, JSON.stringify(resumed.body)).toBe(200);
    await expect.poll(async () => (await onB()).status, { timeout: 2_000, interval: 25 }).toBe(200);
  });
});

describe("the relay", () => {
  plain("applies other nodes' changes once, per kind and studio, never its own", async () => {
    const layer = createDataLayer(dbConfigFromEnv());
    try {
      const log = new CacheChangeLog(layer.control);
      // A's appends take a while (a loaded control server): its tick must still read only after
      // the append its publish started has landed. Once, B read before A's rows were there.
      const slowLog = Object.create(log, {
        append: {
          value: async (...args: Parameters<CacheChangeLog["append"]>) => {
            await new Promise((resolve) => setTimeout(resolve, 100));
            return log.append(...args);
          },
        },
      }) as CacheChangeLog;
      const [a, b] = [ownCounters(), ownCounters()];
      const relayA = new ChangeRelay({ log: slowLog, intervalMs: SYNC_MS, logger: silent, generations: a });
      const relayB = new ChangeRelay({ log, intervalMs: SYNC_MS, logger: silent, generations: b });
      await relayA.tick();
      await relayB.tick();
      const tenant = 1_000_000 + Math.floor(Math.random() * 1_000_000);

      relayA.publish("sessions", tenant);
      relayA.publish("settings", tenant + 1);
      await relayA.tick(); // flushed, and A reads its own rows: skipped
      await relayB.tick();
      expect([a.sessions.of(tenant), a.settings.of(tenant + 1)]).toEqual([0, 0]);
      expect([b.sessions.of(tenant), b.settings.of(tenant), b.settings.of(tenant + 1)]).toEqual([1, 0, 1]);

      // Reads overlap by a few seconds (late commits): the same rows come back and are not reapplied.
      await relayB.tick();
      await relayB.tick();
      expect([b.sessions.of(tenant), b.settings.of(tenant + 1)]).toEqual([1, 1]);
      expect(relayB.hearing()).toBe(true);
      await relayA.stop();
      expect(relayA.hearing()).toBe(false);
      await relayB.stop();
    } finally {
      await layer.control.delete(cacheChanges).where(sql`${cacheChanges.tenantId} >= 1000000`);
      await layer.close();
    }
  });

  plain("is deaf while the control database cannot be read, and appends a change it could not, later", async () => {
    // A control database that does not exist yet: every statement of the relay fails.
    const controlDatabase = `relay_${Math.random().toString(36).slice(2, 10)}`;
    const layer = createDataLayer({ ...dbConfigFromEnv(), controlDatabase });
    try {
      let now = 1_000_000;
      const counters = ownCounters();
      const relay = new ChangeRelay({
        log: new CacheChangeLog(layer.control),
        intervalMs: SYNC_MS,
        logger: silent,
        generations: counters,
        now: () => now,
      });
      await relay.tick();
      expect(relay.hearing()).toBe(false);
      relay.publish("sessions", 7);
      await relay.tick();
      expect(relay.hearing()).toBe(false);

      await prepareControlDatabase(layer);
      await relay.tick(); // the change is appended now, and the read succeeds
      expect(relay.hearing()).toBe(true);
      const rows = await layer.control.select().from(cacheChanges);
      expect(rows.map((r) => [r.tenantId, r.kind, r.node])).toEqual([[7, "sessions", relay.node]]);

      // Three intervals without a successful read: deaf again.
      now += 3 * SYNC_MS;
      expect(relay.hearing()).toBe(true);
      now += 1;
      expect(relay.hearing()).toBe(false);
      await relay.stop();
    } finally {
      await dropControlDatabase(layer);
      await layer.close();
    }
  });
});
