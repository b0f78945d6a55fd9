import { auditLog } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

const it = studioTest();

describe("REST metric definitions", () => {
  it("creates with 201 and reads it back with its current value, by id, in the list and by search", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const created = await call("POST", "/api/metrics/", {
      body: { name: "  Primero  ", kpi: "revenue", target: "1000.00", warning: "500", critical: "100.00", notes: "" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: "Primero",
      kpi: "revenue",
      unit: "money",
      period: "month",
      direction: "higher", // the KPI's own
      target: "1000.00",
      warning: "500.00",
      critical: "100.00",
      notes: null,
      filters: {},
      createdBy: studio.owner.id,
      current: { value: "0.00", level: "critical", period: { kind: "month" } },
    });

    const got = await call("GET", `/api/metrics/${created.body.id}/`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    await call("POST", "/api/metrics/", { body: { name: "Segundo", kpi: "lateOrders" } });
    const list = await call("GET", "/api/metrics/?ordering=-name");
    expect(list.status).toBe(200);
    expect(list.body.results.map((r: { name: string }) => r.name)).toEqual(["Segundo", "Primero"]);
    // No thresholds: a value, no level.
    expect(list.body.results[0]).toMatchObject({ direction: "lower", current: { value: 0, level: null } });
    const found = await call("GET", "/api/metrics/?search=prim");
    expect(found.body).toMatchObject({ count: 1, results: [{ id: created.body.id }] });

    const [audit] = await studio.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "metrics.create"), eq(auditLog.entityId, String(created.body.id))));
    expect(audit?.after).toMatchObject({ name: "Primero", kpi: "revenue" });
  });

  it("PUT replaces every field, PATCH changes only what it sends, DELETE removes it; each audited", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const { body: row } = await call("POST", "/api/metrics", {
      body: { name: "Tercero", kpi: "revenue", notes: "keep", target: "10.00" },
    });
    const patched = await call("PATCH", `/api/metrics/${row.id}/`, { body: { name: "Tercero bis" } });
    expect(patched.body).toMatchObject({ name: "Tercero bis", kpi: "revenue", notes: "keep", target: "10.00" });
    const replaced = await call("PUT", `/api/metrics/${row.id}/`, {
      body: { name: "Tercero ter", kpi: "wastePercent" },
    });
    expect(replaced.body).toMatchObject({
      name: "Tercero ter",
      kpi: "wastePercent",
      unit: "percent",
      direction: "lower",
      notes: null,
      target: null,
    });

    expect(await call("DELETE", `/api/metrics/${row.id}/`)).toMatchObject({
      status: 200,
      body: { id: row.id, deleted: true },
    });
    expect((await call("GET", `/api/metrics/${row.id}/`)).body.code).toBe("NOT_FOUND");
    const actions = await studio.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(row.id)));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["metrics.patch", "metrics.update", "metrics.delete"]),
    );
  });

  it("static KPI paths and integer ids live side by side; a name in use is 409", async ({ studio }) => {
    const call = studio.owner.http;
    expect((await call("GET", "/api/metrics/revenue/")).body.kpis).toBeDefined();
    expect((await call("GET", "/api/metrics/kpis/")).body.results.map((k: { key: string }) => k.key)).toContain(
      "onTimeDeliveryPercent",
    );
    expect((await call("GET", "/api/metrics/999999/")).status).toBe(404);
    await call("POST", "/api/metrics/", { body: { name: "Único", kpi: "revenue" } });
    expect((await call("POST", "/api/metrics/", { body: { name: "Único", kpi: "ordersCount" } })).status).toBe(409);
  });

  it("writes need metrics:write; reads metrics:read; a margin's value and thresholds only with costs:read", async ({
    studio,
  }) => {
    const viewer = studio.users.viewer.http;
    const margin = await studio.owner.http("POST", "/api/metrics/", {
      body: { name: "Margen", kpi: "grossMargin", target: "900.00", warning: "500.00" },
    });
    expect(margin.body).toMatchObject({ target: "900.00", current: { value: "0.00", level: "warning" } });
    expect((await viewer("GET", `/api/metrics/${margin.body.id}/`)).body).toMatchObject({
      target: null,
      warning: null,
      current: { value: null, level: null },
    });
    expect((await viewer("GET", "/api/metrics/")).status).toBe(200);
    const res = await viewer("POST", "/api/metrics/", { body: { name: "No", kpi: "revenue" } });
    expect([res.status, res.body.code]).toEqual([403, "FORBIDDEN"]);
  });
});

describe("SDK metric definitions", () => {
  it("the same procedures, typed; a missing id is NOT_FOUND", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const created = await sdk.metrics.create.mutate({
      name: "Por SDK",
      kpi: "ordersCount",
      warning: "5",
      critical: "2",
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.current.value).toBeTypeOf("number");
    expect((await sdk.metrics.patch.mutate({ id: created.id, notes: "n" })).notes).toBe("n");
    const trend = await sdk.metrics.trends.query({ kpi: "ordersCount", period: "week", groupBy: "day" });
    expect(trend.series).toHaveLength(7);
    await sdk.metrics.delete.mutate({ id: created.id });
    expect(errorCode(await sdk.metrics.byId.query({ id: created.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });
});
