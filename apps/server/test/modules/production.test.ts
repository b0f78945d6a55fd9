import { describe, expect } from "vitest";
import { lateProductionOrders } from "../../../../packages/api/src/modules/production/production.service.js";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor } from "./production-fixtures.js";

// Production orders: created from an order's frame line (components derived from the line's stored
// breakdown) or with components entered, numbered OP-<year>-<sequence>, edited only as drafts,
// listed with filters and derived lateness; who may do what; another studio's ids are 404.
const it = studioTest();

describe("creating a production order", () => {
  it("from a frame line derives the moulding's cut length L and the glass's area, times the line's quantity", async ({
    studio,
  }) => {
    const o = await framedOrder(studio);
    const po = await productionFor(studio, o.lineIds[0] as number, { priority: "high" });
    expect(po.number).toMatch(/^OP-\d{4}-\d{6}$/);
    expect(po).toMatchObject({ status: "draft", orderId: o.orderId, orderNumber: o.orderNumber, priority: "high" });
    // 300×400, b = 20 mm: L = 2(300 + 400) + 8·20 = 1560 mm (the cut, not the 1.6 m billed); W·H = 0.12 m².
    expect(po.components).toEqual([
      expect.objectContaining({ materialId: o.mouldingId, unit: "m", plannedQty: "1.560", reservedQty: "0.000" }),
      expect.objectContaining({ materialId: o.glassId, unit: "m2", plannedQty: "0.120", reservedQty: "0.000" }),
    ]);

    const two = await studio.owner.http("POST", "/api/orders/", {
      body: {
        clientId: o.clientId,
        lines: [{ kind: "frame", quantity: 3, frame: { artWidthMm: 300, artHeightMm: 400, mouldingId: o.mouldingId } }],
      },
    });
    await studio.owner.http("POST", `/api/orders/${two.body.id}/transition/`, { body: { to: "confirmed" } });
    const three = await productionFor(studio, two.body.lines[0].id);
    // Three frames: 4.68 m of moulding; glass at the studio's price per m² names no material: nothing to reserve.
    expect(three.components).toEqual([expect.objectContaining({ materialId: o.mouldingId, plannedQty: "4.680" })]);
  });

  it("from an item line with a material: that material and the line's quantity; software is never a component", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const o = await framedOrder(studio);
    const paper = await call("POST", "/api/inventory/materials/", {
      body: { category: "impresion", code: "PAP-LUS-30", name: "Papel lustre 30 cm", unit: "m2", costPrice: "12.00" },
    });
    const order = await call("POST", "/api/orders/", {
      body: {
        clientId: o.clientId,
        lines: [{ kind: "item", materialId: paper.body.id, quantity: "2.5", unitPrice: "30.00" }],
      },
    });
    await call("POST", `/api/orders/${order.body.id}/transition/`, { body: { to: "confirmed" } });
    const po = await productionFor(studio, order.body.lines[0].id, { type: "minilab" });
    expect(po.components).toEqual([expect.objectContaining({ materialId: paper.body.id, plannedQty: "2.500" })]);

    const licence = await call("POST", "/api/inventory/materials/", {
      body: { category: "software", code: "LIC-PS", name: "Photoshop", unit: "unit", costPrice: "100.00" },
    });
    const refused = await call("POST", "/api/production/orders/", {
      body: { type: "digital_editing", components: [{ materialId: licence.body.id, plannedQty: "1" }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.issues[0]).toMatchObject({ path: "components.0.materialId" });
    expect(refused.body.issues[0].message).toContain("never consumed in production");
  });

  it("numbers production orders one after the other", async ({ studio }) => {
    const o = await framedOrder(studio, { lines: 2 });
    const a = await productionFor(studio, o.lineIds[0] as number);
    const b = await productionFor(studio, o.lineIds[1] as number);
    const seq = (n: string) => Number(n.slice(-6));
    expect(seq(b.number)).toBe(seq(a.number) + 1);
  });

  it("takes entered components instead, and needs no order", async ({ studio }) => {
    const o = await framedOrder(studio);
    const res = await studio.owner.http("POST", "/api/production/orders/", {
      body: {
        type: "laser_cut",
        dueAt: "2031-01-10",
        components: [{ materialId: o.glassId, plannedQty: "0.500" }],
        notes: "Recordatorios",
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      orderId: null,
      orderLineId: null,
      type: "laser_cut",
      priority: "normal",
      late: false,
    });
    // A due day lasts until the end of that day in Lima (UTC−5).
    expect(res.body.dueAt).toBe("2031-01-11T04:59:59.999Z");
    expect(res.body.components).toEqual([expect.objectContaining({ materialId: o.glassId, plannedQty: "0.500" })]);
  });

  it("refuses a quote's line (422), a line already in production (409), bad links and materials (400)", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const quote = await framedOrder(studio, { confirm: false });
    const q = await call("POST", "/api/production/orders/", {
      body: { orderLineId: quote.lineIds[0], type: "framing" },
    });
    expect(q.status).toBe(422);
    expect(q.body.code).toBe("BUSINESS_RULE");

    const o = await framedOrder(studio);
    await productionFor(studio, o.lineIds[0] as number);
    const again = await call("POST", "/api/production/orders/", {
      body: { orderLineId: o.lineIds[0], type: "framing" },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CONFLICT");

    const cases = [
      [{ orderLineId: 999_999_999 }, "orderLineId"],
      [{ orderLineId: o.lineIds[0], orderId: quote.orderId }, "orderId"],
      [{ assigneeId: 999_999_999 }, "assigneeId"],
      [{ components: [{ materialId: 999_999_999, plannedQty: "1" }] }, "components.0.materialId"],
      [{ components: [{ materialId: o.glassId, plannedQty: "0" }] }, "components.0.plannedQty"],
      [
        {
          components: [
            { materialId: o.glassId, plannedQty: "1" },
            { materialId: o.glassId, plannedQty: "2" },
          ],
        },
        "components",
      ],
    ] as const;
    for (const [body, path] of cases) {
      const res = await call("POST", "/api/production/orders/", { body: { type: "other", ...body } });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it("assigns an active user of the studio", async ({ studio }) => {
    const res = await studio.owner.http("POST", "/api/production/orders/", {
      body: { type: "minilab", assigneeId: studio.users.workshop.id },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ assigneeId: studio.users.workshop.id, assigneeName: "Test workshop" });
  });
});

describe("editing", () => {
  it("PUT and PATCH change a draft, components too; once confirmed, 409 and nothing changes", async ({ studio }) => {
    const call = studio.owner.http;
    const o = await framedOrder(studio);
    const po = await productionFor(studio, o.lineIds[0] as number);
    const patched = await call("PATCH", `/api/production/orders/${po.id}/`, {
      body: { priority: "urgent", components: [{ materialId: o.mouldingId, plannedQty: "1.700" }] },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.priority).toBe("urgent");
    expect(patched.body.components).toEqual([
      expect.objectContaining({ materialId: o.mouldingId, plannedQty: "1.700" }),
    ]);

    // PUT without components derives them from the line again, and resets what it leaves out.
    const put = await call("PUT", `/api/production/orders/${po.id}/`, { body: { type: "framing" } });
    expect(put.status).toBe(200);
    expect(put.body.priority).toBe("normal");
    expect(put.body.components.map((c: { plannedQty: string }) => c.plannedQty)).toEqual(["1.560", "0.120"]);

    expect((await move(studio, po.id, "confirmed")).status).toBe(200);
    const before = (await call("GET", `/api/production/orders/${po.id}/`)).body;
    for (const [method, body] of [
      ["PATCH", { notes: "later" }],
      ["PUT", { type: "other" }],
    ] as const) {
      const res = await call(method, `/api/production/orders/${po.id}/`, { body });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
    }
    expect((await call("GET", `/api/production/orders/${po.id}/`)).body).toEqual(before);
  });
});

describe("the list", () => {
  it("filters by status, priority, type, assignee, order and late; searches the number", async ({ studio }) => {
    const call = studio.owner.http;
    const o = await framedOrder(studio, { lines: 2 });
    const late = await productionFor(studio, o.lineIds[0] as number, { dueAt: "2020-01-01", priority: "urgent" });
    const onTime = await productionFor(studio, o.lineIds[1] as number, {
      dueAt: "2031-01-01",
      assigneeId: studio.users.workshop.id,
    });
    const ids = async (query: string) =>
      (
        (await call("GET", `/api/production/orders/?orderId=${o.orderId}&${query}`)).body.results as { id: number }[]
      ).map((r) => r.id);
    expect(await ids("ordering=createdAt")).toEqual([late.id, onTime.id]);
    expect(await ids("late=true")).toEqual([late.id]);
    expect(await ids("late=false")).toEqual([onTime.id]);
    expect(await ids("priority=urgent")).toEqual([late.id]);
    expect(await ids(`assigneeId=${studio.users.workshop.id}`)).toEqual([onTime.id]);
    expect(await ids("type=minilab")).toEqual([]);
    expect(await ids(`search=${late.number}`)).toEqual([late.id]);
    expect(await ids("status=draft&ordering=-dueAt")).toEqual([onTime.id, late.id]);

    // What the alerts list and the dashboard read: the open ones past due, most overdue first.
    const lateNow = await lateProductionOrders(studio.db);
    expect(lateNow.map((r) => r.id)).toContain(late.id);
    expect(lateNow.map((r) => r.id)).not.toContain(onTime.id);
    expect(lateNow.every((r) => r.late)).toBe(true);
    expect((await lateProductionOrders(studio.db, new Date("2031-06-01"))).map((r) => r.id)).toEqual(
      expect.arrayContaining([late.id, onTime.id]),
    );

    // Done or cancelled is never late, whatever the date.
    expect((await move(studio, late.id, "cancelled")).body.late).toBe(false);
    expect(await ids("late=true")).toEqual([]);
  });
});

describe("who may", () => {
  it("sales and viewers read but do not write; the workshop operator writes; costs only with costs:read", async ({
    studio,
  }) => {
    const o = await framedOrder(studio);
    const body = { orderLineId: o.lineIds[0], type: "framing" };
    for (const role of ["sales", "viewer"] as const) {
      const denied = await studio.users[role].http("POST", "/api/production/orders/", { body });
      expect(denied.status, role).toBe(403);
      expect((await studio.users[role].http("GET", "/api/production/orders/")).status, role).toBe(200);
    }
    const made = await studio.users.workshop.http("POST", "/api/production/orders/", { body });
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toBe(studio.users.workshop.id);
  });

  it("the SDK creates and reads a production order as the workshop operator", async ({ studio }) => {
    const o = await framedOrder(studio);
    const sdk = studio.users.workshop.sdk;
    const po = await sdk.production.create.mutate({ orderLineId: o.lineIds[0] as number, type: "framing" });
    const read = await sdk.production.byId.query({ id: po.id });
    expect(read.number).toBe(po.number);
    expect(read.dueAt).toBeNull();
    expect(read.createdAt).toBeInstanceOf(Date);
  });
});

describe("tenant isolation", () => {
  it("another studio's production order is 404 everywhere and never listed", async ({ studio, other }) => {
    const o = await framedOrder(studio);
    const po = await productionFor(studio, o.lineIds[0] as number);
    const call = other.owner.http;
    for (const [method, path, body] of [
      ["GET", `/api/production/orders/${po.id}/`, undefined],
      ["GET", `/api/production/orders/${po.id}/trace/`, undefined],
      ["PATCH", `/api/production/orders/${po.id}/`, { notes: "x" }],
      ["POST", `/api/production/orders/${po.id}/transition/`, { to: "confirmed" }],
    ] as const) {
      const res = await call(method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    const register = await call("POST", "/api/production/register/", {
      body: { productionOrderId: po.id, consumed: [] },
    });
    expect(register.status).toBe(404);
    const list = await call("GET", `/api/production/orders/?search=${po.number}`);
    expect(list.body.results.map((r: { id: number }) => r.id)).not.toContain(po.id);
    // Another studio's order line is not a line here either.
    const line = await call("POST", "/api/production/orders/", {
      body: { orderLineId: o.lineIds[0], type: "framing" },
    });
    expect(line.status).toBe(400);
    expect((await studio.owner.http("GET", `/api/production/orders/${po.id}/`)).body.status).toBe("draft");
  });
});
