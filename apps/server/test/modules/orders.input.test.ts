import { services } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Studio, studioTest } from "../support/studio.js";

// Orders: what a bad body gets (400 naming the field, nothing written), unknown and foreign ids
// (404), and what PUT, PATCH and DELETE may change in each state.
const it = studioTest();

let counter = 0;
const code = (prefix: string) => `${prefix}-IN-${++counter}`;

async function shop(studio: Studio) {
  const call = studio.owner.http;
  const moulding = await call("POST", "/api/inventory/materials/", {
    body: { category: "varillas", code: code("VAR"), name: "Pine 2 cm", unit: "m", faceWidthMm: 20, costPrice: "8.00" },
  });
  const glass = await call("POST", "/api/inventory/materials/", {
    body: { category: "impresion", code: code("VID"), name: "Glass 2 mm", unit: "m2", costPrice: "40.00" },
  });
  const client = await call("POST", "/api/clients/", {
    body: { name: `Luis Mamani ${counter}`, phone: "+51 984 000 111" },
  });
  expect([moulding.status, glass.status, client.status]).toEqual([201, 201, 201]);
  return {
    mouldingId: moulding.body.id as number,
    glassId: glass.body.id as number,
    clientId: client.body.id as number,
  };
}

const frame = (mouldingId: number, extra: Record<string, unknown> = {}) => ({
  kind: "frame",
  quantity: 1,
  frame: { artWidthMm: 300, artHeightMm: 400, mouldingId, ...extra },
});
const print = (extra: Record<string, unknown> = {}) => ({
  kind: "item",
  description: "Impresión 20x30",
  quantity: "1",
  unitPrice: "10.00",
  ...extra,
});

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

describe("bad bodies", () => {
  it("answer 400 VALIDATION_ERROR naming the field, and write nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const { mouldingId, glassId, clientId } = await shop(studio);
    const count = async () => (await call("GET", "/api/orders/?pageSize=1")).body.count;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ lines: [print()] }, "clientId"],
      [{ clientId: 999_999, lines: [print()] }, "clientId"],
      [{ clientId, lines: [] }, "lines"],
      [{ clientId, lines: [frame(999_999)] }, "lines.0.frame.mouldingId"],
      [{ clientId, lines: [frame(glassId)] }, "lines.0.frame.mouldingId"],
      [{ clientId, lines: [frame(mouldingId, { glazingId: mouldingId })] }, "lines.0.frame.glazingId"],
      [{ clientId, lines: [frame(mouldingId, { backingId: 999_999 })] }, "lines.0.frame.backingId"],
      [{ clientId, lines: [frame(mouldingId, { artWidthMm: 0 })] }, "lines.0.frame.artWidthMm"],
      [{ clientId, lines: [frame(mouldingId, { artHeightMm: 12.5 })] }, "lines.0.frame.artHeightMm"],
      [{ clientId, lines: [frame(mouldingId, { mat: { leftMm: -5 } })] }, "lines.0.frame.mat.leftMm"],
      [{ clientId, lines: [print(), print({ quantity: "0" })] }, "lines.1.quantity"],
      [{ clientId, lines: [print({ unitPrice: "2.505" })] }, "lines.0.unitPrice"],
      [{ clientId, lines: [print({ unitPrice: 0.1 + 0.2 })] }, "lines.0.unitPrice"],
      [{ clientId, lines: [print({ unitPrice: undefined })] }, "lines.0.unitPrice"],
      [{ clientId, lines: [print({ description: "" })] }, "lines.0.description"],
      [{ clientId, lines: [print({ discount: "10.01" })] }, "lines.0.discount"],
      [{ clientId, lines: [print({ taxRate: "101" })] }, "lines.0.taxRate"],
      [{ clientId, lines: [print({ serviceId: 999_999 })] }, "lines.0.serviceId"],
      [{ clientId, lines: [print({ materialId: 999_999 })] }, "lines.0.materialId"],
      [{ clientId, lines: [print({ packageId: 1 })] }, "lines.0.packageId"],
      [{ clientId, lines: [print({ quantity: "999999999", unitPrice: "999999999999.00" })] }, "lines.0.quantity"],
      [{ clientId, discount: "10.01", lines: [print()] }, "discount"],
      [{ clientId, serviceId: 999_999, lines: [print()] }, "serviceId"],
      [{ clientId, contractId: 999_999, lines: [print()] }, "contractId"],
      [{ clientId, studentId: 5, lines: [print()] }, "studentId"],
      [{ clientId, promisedAt: "2026-13-01", lines: [print()] }, "promisedAt"],
      [{ clientId, priority: "urgent", lines: [print()] }, "priority"],
      [{ clientId, level: "universidad", lines: [print()] }, "level"],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", "/api/orders/", { body });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(issuePaths(res.body), field).toContain(field);
    }
    const kind = await call("POST", "/api/orders/", { body: { clientId, lines: [{ kind: "box", quantity: 1 }] } });
    expect(kind.status).toBe(400);
    expect(issuePaths(kind.body).some((p) => p.startsWith("lines.0"))).toBe(true);
    // The quote checks the same way.
    const quote = await call("POST", "/api/orders/quote/", { body: { lines: [frame(glassId)] } });
    expect(quote.status).toBe(400);
    expect(issuePaths(quote.body)).toEqual(["lines.0.frame.mouldingId"]);
    for (const query of [
      "ordering=sideways",
      "status=lost",
      "late=maybe",
      "from=2026-02-30",
      "from=2026-03-02&to=2026-03-01",
    ]) {
      expect((await call("GET", `/api/orders/?${query}`)).status, query).toBe(400);
    }
    expect(await count()).toBe(before);
  });
});

describe("unknown and foreign ids", () => {
  it("answer 404 on every order path; another studio's order is unknown here", async ({ studio, other }) => {
    const call = studio.owner.http;
    const { clientId } = await shop(studio);
    const { body: order } = await call("POST", "/api/orders/", { body: { clientId, lines: [print()] } });
    const missing = 999_999;
    const requests: [string, string, Record<string, unknown>?][] = [
      ["GET", `/api/orders/${missing}/`],
      ["PUT", `/api/orders/${missing}/`, { clientId, lines: [print()] }],
      ["PATCH", `/api/orders/${missing}/`, { notes: "x" }],
      ["DELETE", `/api/orders/${missing}/`],
      ["GET", `/api/orders/${missing}/payments/`],
      ["POST", `/api/orders/${missing}/payments/`, { kind: "deposit", amount: "1.00", method: "cash" }],
      ["POST", `/api/orders/${missing}/transition/`, { to: "confirmed" }],
      ["GET", `/api/clients/${missing}/orders/`],
    ];
    for (const [method, path, body] of requests) {
      const res = await call(method, path, body ? { body } : {});
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    const foreign = other.owner.http;
    expect((await foreign("GET", `/api/orders/${order.id}/`)).status).toBe(404);
    expect((await foreign("POST", `/api/orders/${order.id}/transition/`, { body: { to: "confirmed" } })).status).toBe(
      404,
    );
    expect((await foreign("GET", "/api/orders/")).body.count).toBe(0);
    expect((await call("GET", `/api/orders/${order.id}/`)).body.status).toBe("draft");
  });
});

describe("changing an order", () => {
  it("a draft is replaced whole by PUT and partly by PATCH, totals recomputed", async ({ studio }) => {
    const call = studio.owner.http;
    const { mouldingId, clientId } = await shop(studio);
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
    const { clientId } = await shop(studio);
    const { clientId: otherClient } = await shop(studio);
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
    const { clientId } = await shop(studio);
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
    const { clientId } = await shop(studio);
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
    const { clientId } = await shop(studio);
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
