import { auditLog } from "@fotostudio/db";
import { createTestUser, TEST_PASSWORD } from "@fotostudio/db/testing";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { HttpOptions } from "../support/server.js";
import { type Studio, studioTest } from "../support/studio.js";

// Every mutation leaves one row in the tenant's append-only audit log, in the same transaction,
// tagged with the request id the response carried; so do logins, failed logins and denials.
const it = studioTest();
/** Request id → the audit action that request must have written. */
const expected = new Map<string, string>();
let sequence = 0;

function helpers(studio: Studio) {
  const db = () => studio.db;
  /** A REST call with its own X-Request-Id, registering the audit row it must have written. */
  async function send(action: string, method: string, path: string, opts: HttpOptions = {}) {
    const requestId = `audit-${Date.now()}-${++sequence}`;
    const res = await studio.http(method, path, { ...opts, headers: { ...opts.headers, "x-request-id": requestId } });
    expect(res.headers.get("x-request-id")).toBe(requestId);
    if (action) expected.set(requestId, action);
    return { ...res, requestId };
  }
  const rowsOf = (requestId: string) => db().select().from(auditLog).where(eq(auditLog.requestId, requestId));
  const signIn = (email: string, password = TEST_PASSWORD) =>
    send("auth.login", "POST", "/api/auth/login/", { body: { email, password } });
  return { db, send, rowsOf, signIn };
}

describe("audit log", () => {
  it("records a client's creation with its actor, entity, id, after-image and request id", async ({ studio }) => {
    const { send, rowsOf, signIn } = helpers(studio);
    const login = await signIn(`owner@${studio.slug}.test`);
    const owner = login.body.user;
    const created = await send("clients.create", "POST", "/api/clients/", {
      token: login.body.access,
      body: { name: "Auditada", email: "auditada@example.com", phone: "+51 987 654 321" },
    });
    expect(created.status).toBe(201);
    const [row, ...more] = await rowsOf(created.requestId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      actorType: "user",
      actorId: owner.id,
      actorEmail: `owner@${studio.slug}.test`,
      action: "clients.create",
      entity: "clients",
      entityId: String(created.body.id),
      requestId: created.requestId,
      ip: "127.0.0.1",
    });
    expect(row?.after).toMatchObject({ id: created.body.id, name: "Auditada", email: "auditada@example.com" });

    const [loginRow] = await rowsOf(login.requestId);
    expect(loginRow).toMatchObject({ actorType: "user", actorId: owner.id, action: "auth.login", entity: "session" });
  });

  it("records failed logins without the password, for known and unknown e-mails", async ({ studio }) => {
    const { send, rowsOf } = helpers(studio);
    const known = await send("auth.login_failed", "POST", "/api/auth/login/", {
      body: { email: `owner@${studio.slug}.test`, password: "wrong-password-1" },
    });
    const unknown = await send("auth.login_failed", "POST", "/api/auth/login/", {
      body: { email: `ghost@${studio.slug}.test`, password: "wrong-password-2" },
    });
    expect([known.status, unknown.status]).toEqual([401, 401]);
    const [row] = await rowsOf(known.requestId);
    expect(row).toMatchObject({ actorType: "anonymous", actorEmail: `owner@${studio.slug}.test`, entity: "user" });
    expect(row?.entityId).not.toBeNull();
    expect((await rowsOf(unknown.requestId))[0]).toMatchObject({
      actorEmail: `ghost@${studio.slug}.test`,
      entityId: null,
    });
    expect(JSON.stringify([row, ...(await rowsOf(unknown.requestId))])).not.toContain("wrong-password");
  });

  it("records a permission denial with the missing permission", async ({ studio }) => {
    const { send, rowsOf, signIn } = helpers(studio);
    const { email } = await createTestUser(studio.layer, studio.slug, "viewer");
    const viewer = await signIn(email);
    const denied = await send("permission.denied", "POST", "/api/clients/", {
      token: viewer.body.access,
      body: { name: "No", phone: "+51 987 654 321" },
    });
    expect(denied.status).toBe(403);
    const [row] = await rowsOf(denied.requestId);
    expect(row).toMatchObject({ actorType: "user", actorId: viewer.body.user.id, entity: "clients.create" });
    expect(row?.after).toEqual({ required: "clients:write" });
  });

  it("records a refresh, and the reuse of a spent refresh token", async ({ studio }) => {
    const { send, rowsOf, signIn } = helpers(studio);
    const { body: pair } = await signIn(`owner@${studio.slug}.test`);
    const rotated = await send("auth.refresh", "POST", "/api/auth/refresh/", { body: { refresh: pair.refresh } });
    expect(rotated.status).toBe(200);
    const reused = await send("auth.refresh_reused", "POST", "/api/auth/refresh/", { body: { refresh: pair.refresh } });
    expect(reused.status).toBe(401);
    const [row] = await rowsOf(reused.requestId);
    expect(row).toMatchObject({ actorType: "user", actorId: pair.user.id, entity: "session" });
  });

  it("records every other mutation of a session's life, over REST and tRPC", async ({ studio }) => {
    const { send, rowsOf, signIn } = helpers(studio);
    const { email } = await createTestUser(studio.layer, studio.slug, "sales", `audited@${studio.slug}.test`);
    const { body: first } = await signIn(email);
    await signIn(email); // a second session, revoked by id below
    const token = first.access;
    const { body: client } = await send("clients.create", "POST", "/api/clients/", {
      token,
      body: { name: "Ana", phone: "+51 987 654 321" },
    });
    await send("clients.patch", "PATCH", `/api/clients/${client.id}/`, { token, body: { phone: "300 1" } });
    await send("clients.update", "PUT", `/api/clients/${client.id}/`, {
      token,
      body: { name: "Ana M.", phone: "+51 987 654 321" },
    });
    await send("clients.delete", "DELETE", `/api/clients/${client.id}/`, { token });
    await send("auth.updateProfile", "PUT", "/api/auth/profile/", {
      token,
      body: { name: "Vendedora", language: "en" },
    });
    const sessions = await send("", "GET", "/api/auth/sessions/", { token });
    const other = sessions.body.find((s: { current: boolean }) => !s.current);
    await send("auth.revokeSession", "DELETE", `/api/auth/sessions/${other.id}/`, { token });
    await send("auth.changePassword", "POST", "/api/auth/change-password/", {
      token,
      body: { currentPassword: TEST_PASSWORD, newPassword: "another-fine-passw0rd" },
    });
    await send("auth.logout", "POST", "/api/auth/logout/", { token });
    const again = await signIn(email, "another-fine-passw0rd");
    await send("auth.logoutAll", "POST", "/api/auth/logout-all/", { token: again.body.access });

    const owner = (await signIn(`owner@${studio.slug}.test`)).body.access;
    let requestId: string | null = null;
    const api = studio.sdk({
      token: owner,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        requestId = response.headers.get("x-request-id");
        return response;
      },
    });
    const viaTrpc = await api.clients.create.mutate({ name: "Por tRPC", phone: "+51 987 654 321" });
    const [row] = await rowsOf(String(requestId));
    expect(row).toMatchObject({ action: "clients.create", entityId: String(viaTrpc.id) });
  });

  it("holds a row for every mutation this file made, under the request id its response carried", async ({ studio }) => {
    const { db } = helpers(studio);
    const rows = await db()
      .select({ requestId: auditLog.requestId, action: auditLog.action })
      .from(auditLog)
      .where(inArray(auditLog.requestId, [...expected.keys()]));
    const missing = [...expected]
      .filter(([id, action]) => action && !rows.some((r) => r.requestId === id && r.action === action))
      .map(([id, action]) => `${action} (${id})`);
    expect(missing).toEqual([]);
    expect(expected.size).toBeGreaterThan(20);
  });

  it("is append-only: the database refuses UPDATE and DELETE", async ({ studio }) => {
    const { db } = helpers(studio);
    // The trigger's message travels as the cause of Drizzle's "Failed query" error.
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => "accepted",
        (e: unknown) => String((e as { cause?: { message?: string } }).cause?.message ?? e),
      );
    const count = async () => Number((await db().select({ n: sql<number>`count(*)` }).from(auditLog))[0]?.n);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    expect(await refusal(db().execute(sql`UPDATE audit_log SET action = 'tampered'`))).toMatch(/append-only/);
    expect(
      await refusal(db().update(auditLog).set({ actorEmail: "x" }).where(eq(auditLog.action, "auth.login"))),
    ).toMatch(/append-only/);
    expect(await refusal(db().execute(sql`DELETE FROM audit_log`))).toMatch(/append-only/);
    expect(await refusal(db().delete(auditLog).where(eq(auditLog.action, "clients.create")))).toMatch(/append-only/);
    expect(await count()).toBe(before);
    expect(await db().select().from(auditLog).where(eq(auditLog.action, "tampered"))).toEqual([]);
  });
});
