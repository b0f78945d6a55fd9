import { services } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { type Studio, studioTest } from "../support/studio.js";

// Orders over REST (the legacy frontend's calls) and the SDK: the quote with the frame engine's
// breakdown, the order's life from quote to delivery with its payments, lists and search, bad
// input and unknown ids.
const it = studioTest();

let counter = 0;
const code = (prefix: string) => `${prefix}-${++counter}`;

/** A client, a moulding (b = 30 mm, 12.00/m) and a glazing sheet (50.00/m²) in the studio. */
async function shop(studio: Studio) {
  const call = studio.owner.http;
  const moulding = await call("POST", "/api/inventory/materials/", {
    body: { category: "varillas", code: code("VAR"), name: "Oak 3 cm", unit: "m", faceWidthMm: 30, costPrice: "12.00" },
  });
  const glass = await call("POST", "/api/inventory/materials/", {
    body: { category: "impresion", code: code("VID"), name: "Float glass", unit: "m2", costPrice: "50.00" },
  });
  const client = await call("POST", "/api/clients/", {
    body: { name: `Ana Quispe ${counter}`, taxId: String(44_550_000 + counter), phone: `+51 987 654 ${100 + counter}` },
  });
  expect([moulding.status, glass.status, client.status]).toEqual([201, 201, 201]);
  const [service] = await studio.db.select().from(services).limit(1);
  if (!service) throw new Error("the studio has no service catalog");
  return { mouldingId: moulding.body.id, glassId: glass.body.id, clientId: client.body.id, service };
}

/** The worked example: 400×500 art, 50 mm mat on every side. */
const example = (mouldingId: number, extra: Record<string, unknown> = {}) => ({
  artWidthMm: 400,
  artHeightMm: 500,
  mat: { leftMm: 50, rightMm: 50, topMm: 50, bottomMm: 50 },
  mouldingId,
  ...extra,
});

describe("POST /api/orders/quote/", () => {
  it("the worked example: W 500, H 600, L 2,440 mm billed 2,500, priced at the studio's defaults", async ({
    studio,
  }) => {
    const { mouldingId } = await shop(studio);
    const res = await studio.owner.http("POST", "/api/orders/quote/", {
      body: { lines: [{ kind: "frame", quantity: 1, frame: example(mouldingId) }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [line] = res.body.lines;
    expect(line.frame).toMatchObject({
      outerWidthMm: 500,
      outerHeightMm: 600,
      unitedSizeMm: 1100,
      mouldingLengthMm: 2440,
      mouldingBilledMm: 2500,
      areaM2: "0.3000",
    });
    // Moulding 2.5 m × 12.00 = 30.00 cost, marked up 150 % → 75.00; glazing, backing and mat board
    // without a material at the default prices per m² (80, 30, 60) × 0.3 m².
    expect(line.frame.components).toEqual([
      { component: "moulding", materialId: mouldingId, quantity: "2.500", price: "75.00", cost: "30.00" },
      { component: "glazing", materialId: null, quantity: "0.3000", price: "24.00", cost: "0.00" },
      { component: "backing", materialId: null, quantity: "0.3000", price: "9.00", cost: "0.00" },
      { component: "matBoard", materialId: null, quantity: "0.3000", price: "18.00", cost: "0.00" },
    ]);
    expect(line).toMatchObject({
      kind: "frame",
      quantity: "1.000",
      unitPrice: "126.00",
      tax: "22.68",
      total: "148.68",
    });
    expect(res.body).toMatchObject({ subtotal: "126.00", tax: "22.68", total: "148.68", currency: "PEN" });
  });
});

/** One framed piece (the worked example, 126.00 + 18 %) and two prints at 2.50. */
const orderBody = (shopping: Awaited<ReturnType<typeof shop>>, extra: Record<string, unknown> = {}) => ({
  clientId: shopping.clientId,
  serviceId: shopping.service.id,
  promisedAt: "2099-01-31",
  lines: [
    { kind: "frame", quantity: 1, frame: example(shopping.mouldingId) },
    { kind: "item", description: "Impresión 10x15", quantity: "2", unitPrice: "2.50" },
  ],
  ...extra,
});

describe("an order's life over REST", () => {
  it("quote → deposit → confirmed → in_production → ready; delivery waits for the balance; then delivered", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const shopping = await shop(studio);
    const created = await call("POST", "/api/orders/", { body: orderBody(shopping) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const order = created.body;
    expect(order.number).toMatch(/^P-\d{4}-\d{6}$/);
    expect(order).toMatchObject({
      status: "draft",
      clientId: shopping.clientId,
      serviceId: shopping.service.id,
      serviceName: shopping.service.name,
      subtotal: "131.00",
      discount: "0.00",
      tax: "23.58",
      total: "154.58",
      paid: "0.00",
      balance: "154.58",
      paymentStatus: "unpaid",
      late: false,
      currency: "PEN",
      pricesIncludeTax: false,
      confirmedAt: null,
      payments: [],
    });
    expect(order.lines).toHaveLength(2);
    expect(order.lines[0]).toMatchObject({ position: 1, kind: "frame", unitPrice: "126.00", total: "148.68" });
    expect(order.lines[0].frame).toMatchObject({ mouldingLengthMm: 2440, mouldingBilledMm: 2500, unitPrice: "126.00" });
    expect(order.lines[1]).toMatchObject({ kind: "item", quantity: "2.000", amount: "5.00", tax: "0.90" });
    expect((await call("GET", `/api/orders/${order.id}/`)).body).toEqual(order);

    // A later price change never alters a saved order.
    await call("PATCH", `/api/inventory/materials/${shopping.mouldingId}/`, { body: { costPrice: "40.00" } });
    expect((await call("GET", `/api/orders/${order.id}`)).body.lines[0].frame).toEqual(order.lines[0].frame);

    const deposit = await call("POST", `/api/orders/${order.id}/payments/`, {
      body: { kind: "deposit", amount: "50.00", method: "cash" },
    });
    expect(deposit.status, JSON.stringify(deposit.body)).toBe(201);
    expect(deposit.body).toMatchObject({ paid: "50.00", balance: "104.58", paymentStatus: "partial" });
    expect(deposit.body.payments).toMatchObject([
      { kind: "deposit", amount: "50.00", method: "cash", reference: null },
    ]);

    for (const to of ["confirmed", "in_production", "ready"]) {
      const moved = await call("POST", `/api/orders/${order.id}/transition/`, { body: { to } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      expect(moved.body.status).toBe(to);
    }
    const refused = await call("POST", `/api/orders/${order.id}/transition/`, { body: { to: "delivered" } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("BALANCE_DUE");
    expect((await call("GET", `/api/orders/${order.id}/`)).body).toMatchObject({ status: "ready", deliveredAt: null });

    const rest = await call("POST", `/api/orders/${order.id}/payments`, {
      body: { kind: "payment", amount: 104.58, method: "card", reference: "OP-558120" },
    });
    expect(rest.status, JSON.stringify(rest.body)).toBe(201);
    expect(rest.body).toMatchObject({ paid: "154.58", balance: "0.00", paymentStatus: "paid" });
    const delivered = await call("POST", `/api/orders/${order.id}/transition`, { body: { to: "delivered" } });
    expect(delivered.status).toBe(200);
    expect(delivered.body).toMatchObject({ status: "delivered", balance: "0.00", late: false });
    expect(delivered.body.confirmedAt).toMatch(/^\d{4}-/);
    expect(delivered.body.deliveredAt).toMatch(/^\d{4}-/);

    const payments = await call("GET", `/api/orders/${order.id}/payments/`);
    expect(payments.body).toMatchObject({ count: 2, total: "154.58", paid: "154.58", balance: "0.00" });
    expect(payments.body.results.map((p: { kind: string }) => p.kind)).toEqual(["deposit", "payment"]);
  });
});

describe("an order's life over the SDK", () => {
  it("the same walk, typed: money as decimal strings, instants as Dates", async ({ studio }) => {
    const sdk = studio.owner.sdk.orders;
    const shopping = await shop(studio);
    const quote = await sdk.quote.query({
      lines: [{ kind: "frame", quantity: "1", frame: example(shopping.mouldingId) }],
    });
    expect(quote.lines[0]?.frame).toMatchObject({ outerWidthMm: 500, outerHeightMm: 600, mouldingBilledMm: 2500 });
    const order = await sdk.create.mutate({
      clientId: shopping.clientId,
      promisedAt: new Date(Date.now() + 86_400_000),
      lines: [
        { kind: "frame", quantity: "1", frame: example(shopping.mouldingId) },
        { kind: "item", description: "Impresión 10x15", quantity: "2", unitPrice: "2.50" },
      ],
    });
    expect(order.createdAt).toBeInstanceOf(Date);
    expect(order.promisedAt).toBeInstanceOf(Date);
    expect(order).toMatchObject({ status: "draft", total: "154.58", paymentStatus: "unpaid" });
    expect(order.lines[0]?.frame).toEqual(quote.lines[0]?.frame);

    await sdk.addPayment.mutate({ id: order.id, kind: "deposit", amount: "100", method: "transfer" });
    for (const to of ["confirmed", "in_production", "ready"] as const) {
      expect((await sdk.transition.mutate({ id: order.id, to })).status).toBe(to);
    }
    const due = await sdk.transition.mutate({ id: order.id, to: "delivered" }).catch((e: unknown) => e);
    expect(errorCode(due)).toBe("BALANCE_DUE");
    const paid = await sdk.addPayment.mutate({ id: order.id, kind: "payment", amount: "54.58", method: "wallet" });
    expect(paid).toMatchObject({ balance: "0.00", paymentStatus: "paid" });
    const delivered = await sdk.transition.mutate({ id: order.id, to: "delivered" });
    expect(delivered.deliveredAt).toBeInstanceOf(Date);
    expect((await sdk.payments.query({ id: order.id })).results.map((p) => p.amount)).toEqual(["100.00", "54.58"]);
    expect(errorCode(await sdk.byId.query({ id: 999_999 }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });
});
