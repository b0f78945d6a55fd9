import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import type { Http } from "../support/studio.js";
import { studioTest } from "../support/studio.js";

// The business core end to end, as the "done when" tells it: over REST as the legacy
// frontend calls it (Django-style trailing slashes), then the same story through the SDK. A studio
// creates a school client and a moulding, quotes the worked example, sells it with an item line,
// takes a deposit, walks the order to ready, is refused delivery with a balance due, takes the
// rest and delivers; another studio sees none of it; a contract ending in 10 days is expiring;
// 20 racing bookings of one slot leave one.
const it = studioTest();

/** The studio's calendar day `days` from today (America/Lima, the default time zone). */
function limaDay(days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date());
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const WORKED_EXAMPLE = {
  artWidthMm: 400,
  artHeightMm: 500,
  mat: { leftMm: 50, rightMm: 50, topMm: 50, bottomMm: 50 },
};

async function ok(call: ReturnType<Http>, status = 200) {
  const res = await call;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

describe("the business core over REST", () => {
  it("a framed school order from quote to delivery, invisible to another studio", async ({ studio, other }) => {
    const call: Http = studio.owner.http;
    const school = await ok(
      call("POST", "/api/clients/", {
        body: {
          kind: "school",
          name: "I.E. San Martín de Porres",
          contactName: "Lic. Rosa Quispe",
          taxId: "20123456786",
          phone: "+51 1 555 0101",
        },
      }),
      201,
    );
    const moulding = await ok(
      call("POST", "/api/inventory/materials/", {
        body: {
          category: "varillas",
          subtype: "moulding",
          code: "VAR-030",
          name: "Varilla cedro 3 cm",
          unit: "m",
          faceWidthMm: 30,
          costPrice: "8.50",
          salePrice: "22.00",
        },
      }),
      201,
    );
    const frame = { ...WORKED_EXAMPLE, mouldingId: moulding.id };

    const quote = await ok(
      call("POST", "/api/orders/quote/", { body: { lines: [{ kind: "frame", quantity: "1", frame }] } }),
    );
    expect(quote.lines[0].frame).toMatchObject({
      outerWidthMm: 500,
      outerHeightMm: 600,
      unitedSizeMm: 1100,
      mouldingLengthMm: 2440,
      mouldingBilledMm: 2500,
      areaM2: "0.3000",
    });

    const order = await ok(
      call("POST", "/api/orders/", {
        body: {
          clientId: school.id,
          priority: "normal",
          lines: [
            { kind: "frame", quantity: "1", frame },
            { kind: "item", description: "Impresión 30×40 lustre", quantity: "2", unitPrice: "15.00" },
          ],
        },
      }),
      201,
    );
    expect(order.number).toMatch(/^P-\d{4}-\d{6}$/);
    expect(order).toMatchObject({ status: "draft", paid: "0.00", paymentStatus: "unpaid", late: false });
    expect(order.lines).toHaveLength(2);
    expect(order.total).toBe(order.balance);
    // The saved frame line keeps the quote's breakdown.
    expect(order.lines[0].frame).toMatchObject({ mouldingLengthMm: 2440, mouldingBilledMm: 2500 });
    expect(order.total).toBe(
      await ok(
        call("POST", "/api/orders/quote/", {
          body: {
            lines: [
              { kind: "frame", quantity: "1", frame },
              { kind: "item", description: "Impresión 30×40 lustre", quantity: "2", unitPrice: "15.00" },
            ],
          },
        }),
      ).then((q: { totals?: { total: string }; total?: string }) => q.totals?.total ?? q.total),
    );

    const deposit = "50.00";
    await ok(
      call("POST", `/api/orders/${order.id}/payments/`, { body: { kind: "deposit", amount: deposit, method: "cash" } }),
      201,
    );
    for (const to of ["confirmed", "in_production", "ready"]) {
      const moved = await ok(call("POST", `/api/orders/${order.id}/transition/`, { body: { to } }));
      expect(moved.status).toBe(to);
    }
    const refused = await call("POST", `/api/orders/${order.id}/transition/`, { body: { to: "delivered" } });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("BALANCE_DUE");
    const ready = await ok(call("GET", `/api/orders/${order.id}/`));
    expect(ready).toMatchObject({ status: "ready", paid: deposit, paymentStatus: "partial" });

    await ok(
      call("POST", `/api/orders/${order.id}/payments/`, {
        body: { kind: "payment", amount: ready.balance, method: "card", reference: "VOUCHER-1" },
      }),
      201,
    );
    const delivered = await ok(call("POST", `/api/orders/${order.id}/transition/`, { body: { to: "delivered" } }));
    expect(delivered).toMatchObject({ status: "delivered", balance: "0.00", paymentStatus: "paid" });
    expect(delivered.payments.map((p: { kind: string }) => p.kind)).toEqual(["deposit", "payment"]);

    // Another studio sees none of it: not by id, not in its lists.
    for (const path of [
      `/api/orders/${order.id}/`,
      `/api/orders/${order.id}/payments/`,
      `/api/clients/${school.id}/`,
      `/api/inventory/materials/${moulding.id}/`,
    ]) {
      const res = await other.owner.http("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    const theirs = await ok(other.owner.http("GET", `/api/orders/search/?q=${encodeURIComponent(order.number)}`));
    expect(theirs.count).toBe(0);
    const mine = await ok(call("GET", `/api/orders/search/?q=${encodeURIComponent(order.number)}`));
    expect(mine.results.map((o: { id: number }) => o.id)).toEqual([order.id]);
  });

  it("a contract ending in 10 days is listed as expiring", async ({ studio }) => {
    const call = studio.owner.http;
    const school = await ok(
      call("POST", "/api/clients/", {
        body: {
          kind: "school",
          name: "Colegio Santa Rosa",
          contactName: "Dir. Luis Rojas",
          taxId: "20987654325",
          phone: "+51 1 555 0202",
        },
      }),
      201,
    );
    const validTo = limaDay(10);
    const contract = await ok(
      call("POST", "/api/contracts/", {
        body: {
          schoolId: school.id,
          title: "Promoción 2026",
          type: "annual",
          validFrom: limaDay(-200),
          validTo,
          value: "4800.00",
        },
      }),
      201,
    );
    await ok(call("POST", `/api/contracts/${contract.id}/transition/`, { body: { to: "active" } }));
    const expiring = await ok(call("GET", "/api/contracts/expiring/"));
    const row =
      expiring.results?.find?.((c: { id: number }) => c.id === contract.id) ??
      (expiring as { id: number }[]).find?.((c) => c.id === contract.id);
    // Midnight in Lima may fall between making the contract and here: the server counted 10 or 9.
    const crossed = limaDay(10) !== validTo;
    expect(row).toMatchObject({ id: contract.id, status: "active", validTo });
    expect(crossed ? [9, 10] : [10]).toContain(row.daysLeft);
  });

  it("20 racing bookings of one slot leave one", async ({ studio }) => {
    const call = studio.owner.http;
    const room = await ok(call("POST", "/api/appointments/resources/", { body: { name: "Set 1", kind: "room" } }), 201);
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const endsAt = new Date(+startsAt + 3_600_000);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call("POST", "/api/appointments/", {
          body: {
            type: "session",
            title: `Sesión familiar ${i + 1}`,
            resourceId: room.id,
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
          },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual(
      Array(19).fill("APPOINTMENT_OVERLAP"),
    );
    const listed = await ok(call("GET", `/api/appointments/?resourceId=${room.id}`));
    expect(listed.count).toBe(1);
  });
});

describe("the business core through the SDK", () => {
  it("the same framed order, typed end to end: quote, create, deposit, lifecycle, BALANCE_DUE, delivery", async ({
    studio,
    other,
  }) => {
    const sdk = studio.owner.sdk;
    const school = await sdk.clients.create.mutate({
      kind: "school",
      name: "Colegio Nuestra Señora de Guadalupe",
      contactName: "Dir. Ana Torres",
      taxId: "20456789013",
      phone: "+51 1 555 0303",
    });
    const moulding = await sdk.inventory.create.mutate({
      category: "varillas",
      code: "VAR-SDK",
      name: "Varilla negra 3 cm",
      unit: "m",
      faceWidthMm: 30,
      costPrice: "8.50",
      salePrice: "22.00",
    });
    const frame = { ...WORKED_EXAMPLE, mouldingId: moulding.id };
    const quote = await sdk.orders.quote.query({ lines: [{ kind: "frame", quantity: "1", frame }] });
    expect(quote.lines[0]?.frame).toMatchObject({ mouldingLengthMm: 2440, mouldingBilledMm: 2500 });

    const order = await sdk.orders.create.mutate({
      clientId: school.id,
      lines: [
        { kind: "frame", quantity: "1", frame },
        { kind: "item", description: "Retoque", quantity: 1, unitPrice: 15 },
      ],
    });
    expect(order.total).toBe(order.balance);
    await sdk.orders.addPayment.mutate({ id: order.id, kind: "deposit", amount: "20.00", method: "wallet" });
    for (const to of ["confirmed", "in_production", "ready"] as const) {
      expect((await sdk.orders.transition.mutate({ id: order.id, to })).status).toBe(to);
    }
    const refused = await sdk.orders.transition.mutate({ id: order.id, to: "delivered" }).catch((e: unknown) => e);
    expect(errorCode(refused)).toBe("BALANCE_DUE");
    const ready = await sdk.orders.byId.query({ id: order.id });
    await sdk.orders.addPayment.mutate({ id: order.id, kind: "payment", amount: ready.balance, method: "cash" });
    const delivered = await sdk.orders.transition.mutate({ id: order.id, to: "delivered" });
    expect(delivered).toMatchObject({ status: "delivered", balance: "0.00", paymentStatus: "paid" });

    const theirs = await other.owner.sdk.orders.byId.query({ id: order.id }).catch((e: unknown) => e);
    expect(errorCode(theirs)).toBe("NOT_FOUND");
  });

  it("prices a quote of 150 lines (its input too long for a URL: the SDK posts it)", async ({ studio }) => {
    const lines = Array.from({ length: 150 }, (_, i) => ({
      kind: "item" as const,
      description: `Copia 10×15 n.º ${i + 1} — papel lustre, sin borde`,
      quantity: "1",
      unitPrice: "1.50",
    }));
    const quote = await studio.owner.sdk.orders.quote.query({ lines });
    expect(quote.lines).toHaveLength(150);
    expect(quote.subtotal).toBe("225.00");
    expect(quote.total).toBe("265.50");
  });
});
