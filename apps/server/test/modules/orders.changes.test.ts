import { services } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { frame, print, shop } from "../support/orders.js";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// Orders: what PUT, PATCH and DELETE may change in each state, and what a change recomputes.
const it = studioTest();

describe("changing an order", () => {
  it("a draft is replaced whole by PUT and partly by PATCH, totals recomputed", async ({ studio }) => {
    const call = studio.owner.http;
    const { mouldingId, clientId } = await shop(studio, "CH");
    const { body: order } = await call("POST", "/api/orders/", {
      body: { clientId, notes: "keep?", priority: "rush", lines: [print()] },
    });
    const replaced = await call("PUT", `/api/orders/${order.id}/`, {
      body: { clientId, lines: [print({ quantity: "3" }), frame(mouldingId, { glazingId: null })] },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({
      number: order.number,
      notes: null,
      priority: "normal",
      subtotal: expect.any(String),
    });
    expect(replaced.body.lines.map((l: { kind: string }) => l.kind)).toEqual(["item", "frame"]);
    expect(replaced.body.lines[1].frame.components.map((c: { component: string }) => c.component)).toEqual([
      "moulding",
      "backing",
    ]);
    const patched = await call("PATCH", `/api/orders/${order.id}/`, { body: { discount: "3.00", notes: "n" } });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ discount: "3.00", notes: "n" });
    // The lines stay as they were priced; only the discount's shares and the taxes move.
    expect(patched.body.lines.map((l: { unitPrice: string }) => l.unitPrice)).toEqual(
      replaced.body.lines.map((l: { unitPrice: string }) => l.unitPrice),
    );
    const shares = patched.body.lines.map((l: { discountShare: string }) => Number(l.discountShare.replace(".", "")));
    expect(shares.reduce((a: number, b: number) => a + b, 0)).toBe(300);
  });

  it("a draft's client and service change to ones that exist and are offered", async ({ studio }) => {
    const call = studio.owner.http;
    const { clientId } = await shop(studio, "CH");
    const { clientId: otherClient } = await shop(studio, "CH");
    const [offered, retired] = await studio.db.select().from(services).limit(2);
    if (!offered || !retired) throw new Error("the studio has fewer than two services");
    await studio.db.update(services).set({ active: false }).where(eq(services.id, retired.id));
    const { body: order } = await call("POST", "/api/orders/", { body: { clientId, lines: [print()] } });
    const moved = await call("PATCH", `/api/orders/${order.id}/`, {
      body: { clientId: otherClient, serviceId: offered.id },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ clientId: otherClient, serviceId: offered.id, serviceName: offered.name });
    for (const [body, field] of [
      [{ clientId: 999_999 }, "clientId"],
      [{ serviceId: retired.id }, "serviceId"],
      [{ lines: [print({ serviceId: retired.id })] }, "lines.0.serviceId"],
    ] as const) {
      const res = await call("PATCH", `/api/orders/${order.id}/`, { body });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(issuePaths(res.body)).toEqual([field]);
    }
    await studio.db.update(services).set({ active: true }).where(eq(services.id, retired.id));
    expect((await call("GET", `/api/orders/${order.id}/`)).body).toMatchObject({ clientId: otherClient });
  });

  it("after the draft only the header changes (409 for lines or discount); closed orders not at all", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const { clientId } = await shop(studio, "CH");
    const { body: order } = await call("POST", "/api/orders/", { body: { clientId, lines: [print()] } });
    await call("POST", `/api/orders/${order.id}/transition/`, { body: { to: "confirmed" } });
    const header = await call("PATCH", `/api/orders/${order.id}/`, {
      body: { notes: "Entregar en caja", priority: "rush", promisedAt: "2099-02-01", level: "primaria", grade: "5to" },
    });
    expect(header.status, JSON.stringify(header.body)).toBe(200);
    expect(header.body).toMatchObject({ notes: "Entregar en caja", priority: "rush", level: "primaria", grade: "5to" });
    // The promised day lasts until its end in Lima (UTC−5).
    expect(header.body.promisedAt).toBe("2099-02-02T04:59:59.999Z");
    // Sending the same client is no change.
    expect((await call("PATCH", `/api/orders/${order.id}/`, { body: { clientId } })).status).toBe(200);
    for (const body of [{ lines: [print()] }, { discount: "1.00" }]) {
      const res = await call("PATCH", `/api/orders/${order.id}/`, { body });
      expect(res.status, JSON.stringify(body)).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
    }
    expect((await call("PUT", `/api/orders/${order.id}/`, { body: { clientId, lines: [print()] } })).status).toBe(409);
    await call("POST", `/api/orders/${order.id}/transition/`, { body: { to: "cancelled" } });
    const closed = await call("PATCH", `/api/orders/${order.id}/`, { body: { notes: "late" } });
    expect(closed.status).toBe(409);
    expect((await call("GET", `/api/orders/${order.id}/`)).body).toMatchObject({
      notes: "Entregar en caja",
      total: "11.80",
    });
  });

  it("the total of a draft cannot go below what was paid on it (422 OVERPAYMENT)", async ({ studio }) => {
    const call = studio.owner.http;
    const { clientId } = await shop(studio, "CH");
    const { body: order } = await call("POST", "/api/orders/", {
      body: { clientId, lines: [print({ quantity: "5" })] },
    });
    await call("POST", `/api/orders/${order.id}/payments/`, {
      body: { kind: "deposit", amount: "40.00", method: "cash" },
    });
    const lower = await call("PATCH", `/api/orders/${order.id}/`, { body: { lines: [print()] } });
    expect(lower.status).toBe(422);
    expect(lower.body.code).toBe("OVERPAYMENT");
    expect((await call("GET", `/api/orders/${order.id}/`)).body).toMatchObject({
      total: "59.00",
      lines: [{ quantity: "5.000" }],
    });
  });

  it("only a draft nobody paid on is deleted", async ({ studio }) => {
    const call = studio.owner.http;
    const { clientId } = await shop(studio, "CH");
    const create = async () => (await call("POST", "/api/orders/", { body: { clientId, lines: [print()] } })).body;
    const draft = await create();
    expect(await call("DELETE", `/api/orders/${draft.id}/`)).toMatchObject({
      status: 200,
      body: { id: draft.id, deleted: true },
    });
    expect((await call("GET", `/api/orders/${draft.id}/`)).status).toBe(404);

    const confirmed = await create();
    await call("POST", `/api/orders/${confirmed.id}/transition/`, { body: { to: "confirmed" } });
    const refused = await call("DELETE", `/api/orders/${confirmed.id}/`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("ILLEGAL_TRANSITION");

    const paid = await create();
    await call("POST", `/api/orders/${paid.id}/payments/`, { body: { kind: "deposit", amount: "5", method: "cash" } });
    const withPayment = await call("DELETE", `/api/orders/${paid.id}/`);
    expect(withPayment.status).toBe(422);
    expect(withPayment.body.code).toBe("BUSINESS_RULE");
    expect((await call("GET", `/api/orders/${paid.id}/`)).status).toBe(200);
  });
});
