import { type DataLayer, hashToken, sessions, sessionTokens } from "@fotostudio/db";
import { createTestUser, TEST_PASSWORD } from "@fotostudio/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type GeneralLog, openGeneralLog } from "../support/general-log.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The session cache (SESSION_CACHE_SECONDS, 5 s by default): a token checked once is answered
// from memory, with no SQL, and every change that touches a session is seen by the very next
// request on this node. Statements are read back from MariaDB's general log, by procedure and
// studio, as the SQL comments test does.
const it = studioTest();

let log: GeneralLog;

beforeAll(async () => {
  log = await openGeneralLog();
});

afterAll(() => log.close());

const logged = (marker: string) => log.logged(marker);

const profile = async (tenant: Pick<StudioTenant, "http">, token: string) =>
  tenant.http("GET", "/api/auth/profile/", { token });

/** A fresh user of the tenant with `role`, logged in. */
async function member(studio: StudioTenant & { layer: DataLayer }, role: string, name: string) {
  const email = `${name}@${studio.slug}.test`;
  await createTestUser(studio.layer, studio.slug, role, email);
  const res = await studio.http("POST", "/api/auth/login/", { body: { email, password: TEST_PASSWORD } });
  expect(res.status).toBe(200);
  return { email, token: res.body.access as string, id: res.body.user.id as number };
}

describe("a cached session", () => {
  it("a second request with the same token sends no session SQL (nor the settings read) and answers 200", async ({
    studio,
  }) => {
    const tag = `/*procedure='orders.list',tenant='${studio.slug}'*/`;
    const token = await studio.owner.login();
    expect((await studio.http("GET", "/api/orders/", { token })).status).toBe(200);
    const first = await logged(tag);
    // The first call checked the token and read the studio's time zone.
    expect(first.some((s) => /from `session_tokens`/i.test(s))).toBe(true);
    expect(first.some((s) => /from `settings`/i.test(s))).toBe(true);

    expect((await studio.http("GET", "/api/orders/", { token })).status).toBe(200);
    const second = (await logged(tag)).slice(first.length);
    // The page was read (the log is on), the session and the settings were not.
    expect(second.some((s) => /from `orders`/i.test(s))).toBe(true);
    expect(second.filter((s) => /session_tokens|`sessions`|`users`|`roles`/i.test(s))).toEqual([]);
    expect(second.filter((s) => /from `settings`/i.test(s))).toEqual([]);
  });
});

describe("the next request on the same node sees", () => {
  it("a logout (401), and a session revoked from another one (401)", async ({ studio }) => {
    const token = await studio.owner.login();
    expect((await profile(studio, token)).status).toBe(200);
    expect((await studio.http("POST", "/api/auth/logout/", { token })).status).toBe(200);
    expect((await profile(studio, token)).status).toBe(401);

    const laptop = await studio.owner.login();
    const phone = await studio.owner.login();
    expect((await profile(studio, phone)).status).toBe(200);
    const [row] = await studio.db
      .select()
      .from(sessionTokens)
      .where(eq(sessionTokens.tokenHash, hashToken(phone)));
    expect((await studio.http("DELETE", `/api/auth/sessions/${row?.sessionId}/`, { token: laptop })).status).toBe(200);
    expect((await profile(studio, phone)).status).toBe(401);
    expect((await profile(studio, laptop)).status).toBe(200);
  });

  it("a logout everywhere, and a password change ending the other sessions (401)", async ({ studio }) => {
    const user = await member(studio, "sales", "everywhere");
    const other = await studio.login(user.email);
    expect((await profile(studio, other)).status).toBe(200);
    expect((await studio.http("POST", "/api/auth/logout-all/", { token: user.token })).status).toBe(200);
    expect((await profile(studio, other)).status).toBe(401);

    const current = await studio.login(user.email);
    const stolen = await studio.login(user.email);
    expect((await profile(studio, stolen)).status).toBe(200);
    const changed = await studio.http("POST", "/api/auth/change-password/", {
      token: current,
      body: { currentPassword: TEST_PASSWORD, newPassword: "a-fine-new-passw0rd" },
    });
    expect(changed.status).toBe(200);
    expect((await profile(studio, stolen)).status).toBe(401);
    expect((await profile(studio, current)).status).toBe(200);
  });

  it("a refresh: the old access token ends (401)", async ({ studio }) => {
    const pair = (
      await studio.http("POST", "/api/auth/login/", { body: { email: studio.owner.email, password: TEST_PASSWORD } })
    ).body;
    expect((await profile(studio, pair.access)).status).toBe(200);
    const refreshed = await studio.http("POST", "/api/auth/refresh/", { body: { refresh: pair.refresh } });
    expect(refreshed.status).toBe(200);
    expect((await profile(studio, pair.access)).status).toBe(401);
    expect((await profile(studio, refreshed.body.access)).status).toBe(200);
  });

  it("a deactivation, and a deletion that deactivates (401)", async ({ studio }) => {
    for (const how of ["deactivate", "delete"] as const) {
      const user = await member(studio, "sales", `leaving-${how}`);
      expect((await profile(studio, user.token)).status).toBe(200);
      const res =
        how === "deactivate"
          ? await studio.owner.http("PATCH", `/api/users/${user.id}/`, { body: { isActive: false } })
          : await studio.owner.http("DELETE", `/api/users/${user.id}/`);
      expect(res.status).toBe(200);
      expect((await profile(studio, user.token)).status).toBe(401);
    }
  });

  it("a new role (200 where it was 403, and back)", async ({ studio }) => {
    const user = await member(studio, "viewer", "promoted");
    const users = () => studio.http("GET", "/api/users/", { token: user.token });
    expect((await users()).status).toBe(403);
    expect((await studio.owner.http("PATCH", `/api/users/${user.id}/`, { body: { role: "owner" } })).status).toBe(200);
    expect((await users()).status).toBe(200);
    expect((await studio.owner.http("PATCH", `/api/users/${user.id}/`, { body: { role: "viewer" } })).status).toBe(200);
    expect((await users()).status).toBe(403);
  });

  it("a custom role's permissions changed (403 once taken away, 200 once given back)", async ({ studio }) => {
    const created = await studio.owner.http("POST", "/api/roles/", {
      body: { key: "desk-cache", name: "Desk", permissions: ["clients:read"] },
    });
    expect(created.status).toBe(201);
    const user = await member(studio, "viewer", "desk");
    expect((await studio.owner.http("PATCH", `/api/users/${user.id}/`, { body: { role: "desk-cache" } })).status).toBe(
      200,
    );
    const clients = () => studio.http("GET", "/api/clients/", { token: user.token });
    expect((await clients()).status).toBe(200);
    const role = `/api/roles/${created.body.id}/`;
    expect((await studio.owner.http("PATCH", role, { body: { permissions: [] } })).status).toBe(200);
    expect((await clients()).status).toBe(403);
    expect((await studio.owner.http("PATCH", role, { body: { permissions: ["clients:read"] } })).status).toBe(200);
    expect((await clients()).status).toBe(200);
  });

  it("a profile change (the new name in /auth/profile)", async ({ studio }) => {
    const user = await member(studio, "sales", "renamed");
    expect((await profile(studio, user.token)).body.name).toBe("Test sales");
    const put = await studio.http("PUT", "/api/auth/profile/", { token: user.token, body: { name: "Rosa Quispe" } });
    expect(put.status).toBe(200);
    expect((await profile(studio, user.token)).body.name).toBe("Rosa Quispe");
  });

  it("a new idle timeout (the token slides by it on the next request)", async ({ studio }) => {
    await using tenant = await studio.openTenant();
    const token = await tenant.owner.login();
    expect((await profile(tenant, token)).status).toBe(200);
    const expiry = async () => {
      const [row] = await tenant.db
        .select()
        .from(sessionTokens)
        .where(eq(sessionTokens.tokenHash, hashToken(token)));
      return (row?.expiresAt.getTime() ?? 0) - Date.now();
    };
    // An hour left of the default hour: no slide is due.
    expect(await expiry()).toBeLessThanOrEqual(3_600_000);
    const set = await tenant.owner.http("PATCH", "/api/config/security/", { body: { sessionTimeoutMinutes: 240 } });
    expect(set.status).toBe(200);
    // Under 4 hours, an hour is less than half: this request slides the token to 4 hours.
    expect((await profile(tenant, token)).status).toBe(200);
    expect(await expiry()).toBeGreaterThan(3 * 3_600_000);
  });
});

describe("expiry", () => {
  it("a token at its session's end is refused once past it, though it was just answered", async ({ studio }) => {
    // Not cached yet (never used): its expiry is set before the app first reads it.
    const token = await studio.owner.login();
    const [row] = await studio.db
      .select()
      .from(sessionTokens)
      .where(eq(sessionTokens.tokenHash, hashToken(token)));
    if (!row) throw new Error("no token row");
    const end = new Date(Date.now() + 1_500);
    await studio.db.update(sessions).set({ expiresAt: end }).where(eq(sessions.id, row.sessionId));
    await studio.db.update(sessionTokens).set({ expiresAt: end }).where(eq(sessionTokens.tokenHash, row.tokenHash));
    expect((await profile(studio, token)).status).toBe(200);
    expect((await profile(studio, token)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, end.getTime() - Date.now() + 100));
    expect((await profile(studio, token)).status).toBe(401);
  });
});
