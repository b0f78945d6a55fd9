import { describe, expect } from "vitest";
import { frame, print, shop } from "../support/orders.js";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// Orders: what a bad body gets (400 naming the field, nothing written), and unknown and foreign
// ids (404).
const it = studioTest();

describe("bad bodies", () => {
  it("answer 400 VALIDATION_ERROR naming the field, and write nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const { mouldingId, glassId, clientId } = await shop(studio, "IN");
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
    const { clientId } = await shop(studio, "IN");
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
