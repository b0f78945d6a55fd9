import { auditLog, products, stockAlerts, stockMovements, stockReservations } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Studio } from "../support/studio.js";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor, receive, stockOf } from "./production-fixtures.js";

// Registering a production order's output (POST production/register/): one transaction that moves
// stock, prices what was used and wasted, makes the finished product and, with the last production
// order of an order, makes the order ready. The issue's walk-through first, over REST.
const it = studioTest();

/** A production order of the frame line, confirmed and started (in_progress). */
async function started(studio: Studio, opts: Parameters<typeof framedOrder>[1] = {}) {
  const o = await framedOrder(studio, opts);
  const pos = [];
  for (const lineId of o.lineIds) {
    const po = await productionFor(studio, lineId);
    expect((await move(studio, po.id, "confirmed")).body.status).toBe("confirmed");
    expect((await move(studio, po.id, "in_progress")).status).toBe(200);
    pos.push(po);
  }
  return { ...o, po: pos[0] as (typeof pos)[number], pos };
}

const register = (studio: Studio, body: Record<string, unknown>, as = studio.owner) =>
  as.http("POST", "/api/production/register/", { body });

describe("the issue's walk-through", () => {
  it("10 m received, a 2.44 m frame reserved, 2.5 m used and 0.1 m wasted: movements, product, order ready", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const moulding = await call("POST", "/api/inventory/materials/", {
      body: {
        category: "varillas",
        code: "VAR-NOGAL-30",
        name: "Nogal 3 cm",
        unit: "m",
        faceWidthMm: 30,
        costPrice: "8.00",
      },
    });
    const client = await call("POST", "/api/clients/", { body: { name: "Ana Quispe", phone: "+51 987 000 123" } });
    await receive(studio, moulding.body.id, "10", 800);
    // 400×500 with a 50 mm mat all round: W = 500, H = 600, L = 2(500 + 600) + 8·30 = 2440 mm.
    const order = await call("POST", "/api/orders/", {
      body: {
        clientId: client.body.id,
        lines: [
          {
            kind: "frame",
            quantity: 1,
            frame: {
              artWidthMm: 400,
              artHeightMm: 500,
              mat: { leftMm: 50, rightMm: 50, topMm: 50, bottomMm: 50 },
              mouldingId: moulding.body.id,
              glazingId: null,
              backingId: null,
              matBoardId: null,
            },
          },
        ],
      },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    await call("POST", `/api/orders/${order.body.id}/transition/`, { body: { to: "confirmed" } });
    const po = await productionFor(studio, order.body.lines[0].id);
    expect(po.components).toEqual([expect.objectContaining({ plannedQty: "2.440" })]);

    const confirmed = await move(studio, po.id, "confirmed");
    expect(confirmed.body.components[0].reservedQty).toBe("2.440");
    expect(await stockOf(studio, moulding.body.id)).toEqual({ onHand: "10.000", reserved: "2.440" });
    await move(studio, po.id, "in_progress");

    const res = await register(studio, {
      productionOrderId: po.id,
      consumed: [{ materialId: moulding.body.id, quantity: "2.5" }],
      waste: [{ materialId: moulding.body.id, quantity: "0.1", reason: "Corte mal medido" }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { productionOrder, product, movements } = res.body;
    expect(productionOrder).toMatchObject({
      status: "done",
      efficiency: "96.15",
      consumedCost: "20.00",
      wasteCost: "0.80",
    });
    expect(productionOrder.doneAt).not.toBeNull();
    expect(productionOrder.components).toEqual([
      expect.objectContaining({
        consumedQty: "2.500",
        wasteQty: "0.100",
        wasteReason: "Corte mal medido",
        wastePercent: "3.85",
        unitCost: "8.00",
        consumedCost: "20.00",
        wasteCost: "0.80",
        reservedQty: "0.000",
      }),
    ]);
    expect(movements.map((m: { type: string; quantity: string }) => [m.type, m.quantity])).toEqual([
      ["consume", "2.500"],
      ["waste", "0.100"],
    ]);
    expect(movements.every((m: { productionOrderId: number }) => m.productionOrderId === po.id)).toBe(true);
    // The line's price (the frame's unit price) and the order it belongs to.
    expect(product).toMatchObject({
      status: "reserved",
      kind: "frame",
      orderId: order.body.id,
      productionOrderId: po.id,
    });
    expect(product.code).toMatch(/^PT-\d{4}-\d{6}$/);
    const [row] = await studio.db.select().from(products).where(eq(products.id, product.id));
    expect(row?.price).toBe(order.body.lines[0].unitPrice);

    expect(await stockOf(studio, moulding.body.id)).toEqual({ onHand: "7.400", reserved: "0.000" });
    expect((await call("GET", `/api/orders/${order.body.id}/`)).body.status).toBe("ready");
    expect((await call("GET", "/api/inventory/check/")).body).toMatchObject({ mismatches: [] });

    // Every movement traces back to the order and its client.
    for (const m of movements) {
      const trace = await call("GET", `/api/inventory/movements/${m.id}/trace/`);
      expect(trace.status, JSON.stringify(trace.body)).toBe(200);
      expect(trace.body).toMatchObject({
        productionOrder: { id: po.id, number: po.number },
        orderLine: { id: order.body.lines[0].id },
        order: { id: order.body.id, number: order.body.number },
        client: { id: client.body.id, name: "Ana Quispe" },
      });
    }
  });
});

describe("registering", () => {
  it("twice is 409 and changes nothing: no second movement, product or stock change", async ({ studio }) => {
    const o = await started(studio);
    const body = { productionOrderId: o.po.id, consumed: [{ materialId: o.mouldingId, quantity: "1.560" }] };
    expect((await register(studio, body)).status).toBe(200);
    const snapshot = async () => ({
      movements: (await studio.db.select().from(stockMovements).where(eq(stockMovements.productionOrderId, o.po.id)))
        .length,
      products: (await studio.db.select().from(products).where(eq(products.productionOrderId, o.po.id))).length,
      stock: await stockOf(studio, o.mouldingId),
      po: (await studio.owner.http("GET", `/api/production/orders/${o.po.id}/`)).body,
    });
    const before = await snapshot();
    const again = await register(studio, body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("ILLEGAL_TRANSITION");
    expect(await snapshot()).toEqual(before);
    expect(before).toMatchObject({ movements: 1, products: 1 });
  });

  it("20 racing registrations of one order register it once; the rest are 409", async ({ studio }) => {
    const o = await started(studio);
    const body = { productionOrderId: o.po.id, consumed: [{ materialId: o.mouldingId, quantity: "1.560" }] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => register(studio, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array<number>(19).fill(409)]);
    const moved = await studio.db.select().from(stockMovements).where(eq(stockMovements.productionOrderId, o.po.id));
    expect(moved).toHaveLength(1);
    expect(await stockOf(studio, o.mouldingId)).toEqual({ onHand: "8.440", reserved: "0.000" });
  });

  it("only from in_progress: a confirmed order is 409", async ({ studio }) => {
    const o = await framedOrder(studio);
    const po = await productionFor(studio, o.lineIds[0] as number);
    await move(studio, po.id, "confirmed");
    const res = await register(studio, { productionOrderId: po.id, consumed: [] });
    expect(res.status).toBe(409);
    expect((await studio.owner.http("GET", `/api/production/orders/${po.id}/`)).body.status).toBe("confirmed");
  });

  it("short of stock is 422 INSUFFICIENT_STOCK, all or nothing: still in progress, reservations held", async ({
    studio,
  }) => {
    const o = await started(studio, { moulding: "2", glass: "1" });
    const res = await register(studio, {
      productionOrderId: o.po.id,
      consumed: [
        { materialId: o.glassId, quantity: "0.120" },
        { materialId: o.mouldingId, quantity: "2.500" },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("INSUFFICIENT_STOCK");
    const read = (await studio.owner.http("GET", `/api/production/orders/${o.po.id}/`)).body;
    expect(read.status).toBe("in_progress");
    expect(read.components.map((c: { reservedQty: string }) => c.reservedQty)).toEqual(["1.560", "0.120"]);
    expect(await stockOf(studio, o.glassId)).toEqual({ onHand: "1.000", reserved: "0.120" });
    expect(await studio.db.select().from(products).where(eq(products.productionOrderId, o.po.id))).toEqual([]);
  });

  it("a material that is not a component is a 400 on it", async ({ studio }) => {
    const o = await started(studio);
    const other = await framedOrder(studio);
    const res = await register(studio, {
      productionOrderId: o.po.id,
      consumed: [{ materialId: other.mouldingId, quantity: "1" }],
      waste: [{ materialId: other.glassId, quantity: "0.1", reason: "roto" }],
    });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([
      "consumed.0.materialId",
      "waste.0.materialId",
    ]);
  });

  it("releases what was reserved and not used", async ({ studio }) => {
    const o = await started(studio);
    const res = await register(studio, {
      productionOrderId: o.po.id,
      consumed: [{ materialId: o.mouldingId, quantity: "1.200" }],
    });
    expect(res.status).toBe(200);
    expect(await stockOf(studio, o.mouldingId)).toEqual({ onHand: "8.800", reserved: "0.000" });
    // The glass was not used: it is back in stock, and the component says it used nothing.
    expect(await stockOf(studio, o.glassId)).toEqual({ onHand: "2.000", reserved: "0.000" });
    expect(res.body.productionOrder.components[1]).toMatchObject({ consumedQty: "0.000", wasteQty: "0.000" });
    const active = await studio.db
      .select()
      .from(stockReservations)
      .where(and(eq(stockReservations.productionOrderId, o.po.id), eq(stockReservations.status, "active")));
    expect(active).toEqual([]);
  });

  it("the workshop operator registers and sees no costs", async ({ studio }) => {
    const o = await started(studio);
    const res = await register(
      studio,
      {
        productionOrderId: o.po.id,
        consumed: [{ materialId: o.mouldingId, quantity: "1.560" }],
        waste: [{ materialId: o.mouldingId, quantity: "0.040", reason: "Despunte" }],
        product: { description: "Marco pino 30×40", price: "95.00" },
      },
      studio.users.workshop,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const { productionOrder, movements, product } = res.body;
    expect(productionOrder.efficiency).toBe("97.50");
    expect(productionOrder).not.toHaveProperty("consumedCost");
    expect(productionOrder.components[0]).not.toHaveProperty("unitCost");
    expect(movements[0]).not.toHaveProperty("unitCost");
    expect(movements.map((m: { userId: number }) => m.userId)).toEqual([
      studio.users.workshop.id,
      studio.users.workshop.id,
    ]);
    expect(product.description).toBe("Marco pino 30×40");
    const [row] = await studio.db.select().from(products).where(eq(products.id, product.id));
    expect(row?.price).toBe("95.00");
  });
});

describe("the order it was made for", () => {
  it("is ready only when all its production is done, moved by orders' own transition (audited)", async ({ studio }) => {
    const o = await started(studio, { lines: 2 });
    const [a, b] = o.pos as [(typeof o.pos)[number], (typeof o.pos)[number]];
    const orderStatus = async () => (await studio.owner.http("GET", `/api/orders/${o.orderId}/`)).body.status;
    expect(await orderStatus()).toBe("in_production");
    await register(studio, { productionOrderId: a.id, consumed: [{ materialId: o.mouldingId, quantity: "1.560" }] });
    expect(await orderStatus()).toBe("in_production");
    await register(studio, { productionOrderId: b.id, consumed: [{ materialId: o.mouldingId, quantity: "1.560" }] });
    expect(await orderStatus()).toBe("ready");
    const audit = await studio.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "orders.transition"), eq(auditLog.entityId, String(o.orderId))));
    expect(audit.map((r) => (r.after as { status: string }).status)).toEqual(["confirmed", "in_production", "ready"]);
  });

  it("two production orders of one order registered at once: both done, the order ready", async ({ studio }) => {
    const o = await started(studio, { lines: 2 });
    const answers = await Promise.all(
      o.pos.map((po) =>
        register(studio, { productionOrderId: po.id, consumed: [{ materialId: o.mouldingId, quantity: "1.560" }] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await studio.owner.http("GET", `/api/orders/${o.orderId}/`)).body.status).toBe("ready");
  });

  it("cancelled meanwhile: the piece stays in stock, available, and the order is left alone", async ({ studio }) => {
    const o = await started(studio);
    const cancel = await studio.owner.http("POST", `/api/orders/${o.orderId}/transition/`, {
      body: { to: "cancelled", reason: "Client withdrew" },
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const res = await register(studio, {
      productionOrderId: o.po.id,
      consumed: [{ materialId: o.mouldingId, quantity: "1.560" }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.product).toMatchObject({ status: "available", orderId: null });
    expect((await studio.owner.http("GET", `/api/orders/${o.orderId}/`)).body.status).toBe("cancelled");
  });
});

describe("waste alerts and metrics", () => {
  it("a material wasted past the studio's threshold (10 %) raises one high_waste alert for the order", async ({
    studio,
  }) => {
    const o = await started(studio);
    const res = await register(studio, {
      productionOrderId: o.po.id,
      consumed: [
        { materialId: o.mouldingId, quantity: "1.200" },
        { materialId: o.glassId, quantity: "0.120" },
      ],
      // 0.3 / 1.5 = 20 % of the moulding; the glass is at 0.012 / 0.132 = 9.09 %, under it.
      waste: [
        { materialId: o.mouldingId, quantity: "0.300", reason: "Ingletes mal cortados" },
        { materialId: o.glassId, quantity: "0.012", reason: "Borde astillado" },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const alerts = await studio.db.select().from(stockAlerts).where(eq(stockAlerts.productionOrderId, o.po.id));
    expect(alerts.map((a) => ({ kind: a.kind, materialId: a.materialId, wastePercent: a.wastePercent }))).toEqual([
      { kind: "high_waste", materialId: o.mouldingId, wastePercent: "20.00" },
    ]);
  });

  it("follows the studio's own threshold", async ({ studio }) => {
    await using t = await studio.openTenant();
    expect(
      (await t.owner.http("PATCH", "/api/config/alerts/", { body: { wasteThresholdPercent: "2.00" } })).status,
    ).toBe(200);
    const s = await t.owner.http("POST", "/api/production/orders/", {
      body: { type: "other", components: [] },
    });
    const material = await t.owner.http("POST", "/api/inventory/materials/", {
      body: { category: "impresion", code: "PAP-01", name: "Papel lustre", unit: "m2", costPrice: "10.00" },
    });
    await receive(t, material.body.id, "5", 1000);
    await t.owner.http("PATCH", `/api/production/orders/${s.body.id}/`, {
      body: { components: [{ materialId: material.body.id, plannedQty: "1" }] },
    });
    for (const to of ["confirmed", "in_progress"]) {
      await t.owner.http("POST", `/api/production/orders/${s.body.id}/transition/`, { body: { to } });
    }
    const res = await t.owner.http("POST", "/api/production/register/", {
      body: {
        productionOrderId: s.body.id,
        consumed: [{ materialId: material.body.id, quantity: "0.970" }],
        waste: [{ materialId: material.body.id, quantity: "0.030", reason: "Atasco" }],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const alerts = await t.db.select().from(stockAlerts).where(eq(stockAlerts.productionOrderId, s.body.id));
    expect(alerts.map((a) => a.wastePercent)).toEqual(["3.00"]);
  });

  it("per material: waste % and efficiency over the registered orders, costs only with costs:read", async ({
    studio,
  }) => {
    await using t = await studio.openTenant();
    const material = await t.owner.http("POST", "/api/inventory/materials/", {
      body: { category: "varillas", code: "VAR-M", name: "Metrics", unit: "m", faceWidthMm: 20, costPrice: "8.00" },
    });
    await receive(t, material.body.id, "20", 800);
    for (const [used, wasted] of [
      ["2.500", "0.100"],
      ["1.000", "0.400"],
    ]) {
      const po = await t.owner.http("POST", "/api/production/orders/", {
        body: { type: "framing", components: [{ materialId: material.body.id, plannedQty: "2" }] },
      });
      for (const to of ["confirmed", "in_progress"]) {
        await t.owner.http("POST", `/api/production/orders/${po.body.id}/transition/`, { body: { to } });
      }
      const res = await t.owner.http("POST", "/api/production/register/", {
        body: {
          productionOrderId: po.body.id,
          consumed: [{ materialId: material.body.id, quantity: used }],
          waste: [{ materialId: material.body.id, quantity: wasted, reason: "Corte" }],
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    // 3.5 m used, 0.5 m wasted: 0.5 / 4 = 12.50 %; at 8.00/m, 1 − 4.00 / 32.00 = 87.50 %.
    const owner = await t.owner.http("GET", "/api/production/materials/metrics/");
    expect(owner.body.results).toEqual([
      {
        materialId: material.body.id,
        materialCode: "VAR-M",
        materialName: "Metrics",
        unit: "m",
        orders: 2,
        consumedQty: "3.500",
        wasteQty: "0.500",
        wastePercent: "12.50",
        efficiency: "87.50",
        consumedCost: "28.00",
        wasteCost: "4.00",
      },
    ]);
    const workshop = await t.users.workshop.http(
      "GET",
      `/api/production/materials/metrics/?materialId=${material.body.id}`,
    );
    expect(workshop.body.results[0]).not.toHaveProperty("wasteCost");
    expect(workshop.body.results[0].efficiency).toBe("87.50");
    const future = await t.owner.http("GET", "/api/production/materials/metrics/?from=2031-01-01&to=2031-12-31");
    expect(future.body.results).toEqual([]);
  });
});
