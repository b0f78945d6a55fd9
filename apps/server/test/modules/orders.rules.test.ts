import { describe, expect } from "vitest";
import { type Studio, studioTest } from "../support/studio.js";

// Orders: numbers under concurrency, the sensitive rights (discounts above the studio's limit need
// prices:write; costs only for costs:read), and orders placed under a school contract.
const it = studioTest();

let counter = 0;

async function clientOf(studio: Studio, body: Record<string, unknown> = {}): Promise<number> {
  const res = await studio.owner.http("POST", "/api/clients/", {
    body: { name: `Jorge Ríos ${++counter}`, phone: "+51 985 000 333", ...body },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const print = (extra: Record<string, unknown> = {}) => ({
  kind: "item",
  description: "Retoque fotográfico",
  quantity: "1",
  unitPrice: "100.00",
  ...extra,
});

const limaDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date(Date.now() + offsetDays * 86_400_000));

describe("order numbers", () => {
  it("50 concurrent creations get 50 distinct, consecutive numbers", async ({ studio }) => {
    const clientId = await clientOf(studio);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        studio.owner.http("POST", "/api/orders/", { body: { clientId, lines: [print()] } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers: string[] = results.map((r) => r.body.number);
    expect(new Set(numbers).size).toBe(50);
    const year = Number(limaDay().slice(0, 4));
    for (const n of numbers) expect(n).toMatch(new RegExp(`^P-${year}-\\d{6}$`));
    const sequences = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    const first = sequences[0] ?? 0;
    expect(sequences).toEqual(sequences.map((_, i) => first + i));
    // A refused creation hands no number out: the next one follows on.
    await studio.owner.http("POST", "/api/orders/", { body: { clientId, lines: [print({ unitPrice: "x" })] } });
    await studio.owner.http("POST", "/api/orders/", { body: { clientId: 999_999, lines: [print()] } });
    const next = await studio.owner.http("POST", "/api/orders/", { body: { clientId, lines: [print()] } });
    expect(Number(next.body.number.slice(-6))).toBe(first + 50);
  });
});

describe("discounts above the studio's limit (10 %) need prices:write", () => {
  it("sales may give up to the limit; above it 403 and nothing saved; owners and managers may", async ({ studio }) => {
    const clientId = await clientOf(studio);
    const sales = studio.users.sales.http;
    const count = async () => (await studio.owner.http("GET", `/api/orders/?clientId=${clientId}`)).body.count;
    const atLimit = await sales("POST", "/api/orders/", {
      body: { clientId, discount: "9.00", lines: [print({ discount: "10.00" })] },
    });
    expect(atLimit.status, JSON.stringify(atLimit.body)).toBe(201);
    expect(atLimit.body).toMatchObject({ subtotal: "90.00", discount: "9.00", tax: "14.58", total: "95.58" });
    for (const body of [
      { clientId, lines: [print({ discount: "10.01" })] },
      { clientId, discount: "10.01", lines: [print()] },
    ]) {
      const res = await sales("POST", "/api/orders/", { body });
      expect(res.status, JSON.stringify(res.body)).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
      expect((await sales("POST", "/api/orders/quote/", { body: { ...body, clientId: undefined } })).status).toBe(403);
    }
    const patched = await sales("PATCH", `/api/orders/${atLimit.body.id}/`, { body: { discount: "20.00" } });
    expect(patched.status).toBe(403);
    expect(await count()).toBe(1);
    for (const user of [studio.owner, studio.users.manager]) {
      const res = await user.http("POST", "/api/orders/", { body: { clientId, discount: "50.00", lines: [print()] } });
      expect(res.status).toBe(201);
      expect(res.body.total).toBe("59.00");
    }
  });
});

describe("costs", () => {
  it("line, frame and component costs only for roles holding costs:read", async ({ studio }) => {
    const moulding = await studio.owner.http("POST", "/api/inventory/materials/", {
      body: {
        category: "varillas",
        code: `VAR-RU-${++counter}`,
        name: "Walnut",
        unit: "m",
        faceWidthMm: 30,
        costPrice: "12.00",
      },
    });
    const lines = [
      { kind: "frame", quantity: "2", frame: { artWidthMm: 400, artHeightMm: 500, mouldingId: moulding.body.id } },
    ];
    const { body: order } = await studio.owner.http("POST", "/api/orders/", {
      body: { clientId: await clientOf(studio), lines },
    });
    // No mat: L = 2(400 + 500) + 8·30 = 2,040 mm, billed 2.1 m × 12.00 = 25.20 a frame.
    expect(order).toMatchObject({ cost: "50.40", lines: [{ cost: "50.40", frame: { cost: "25.20" } }] });
    expect(order.lines[0].frame.components[0]).toMatchObject({ component: "moulding", cost: "25.20" });
    for (const user of [studio.users.sales, studio.users.viewer]) {
      for (const body of [
        (await user.http("GET", `/api/orders/${order.id}/`)).body,
        await user.sdk.orders.byId.query({ id: order.id }),
        (await user.http("POST", "/api/orders/quote/", { body: { lines } })).body,
      ]) {
        expect(body.total).toBe(order.total);
        expect(body).not.toHaveProperty("cost");
        expect(body.lines[0]).not.toHaveProperty("cost");
        expect(body.lines[0].frame).not.toHaveProperty("cost");
        for (const c of body.lines[0].frame.components) expect(c).not.toHaveProperty("cost");
      }
    }
    const manager = await studio.users.manager.http("GET", `/api/orders/${order.id}/`);
    expect(manager.body.lines[0].frame.cost).toBe("25.20");
  });
});

/** An active school contract (yesterday to next year) with a package and a student. */
async function contractOf(studio: Studio, validFrom = limaDay(-1), validTo = limaDay(300)) {
  const call = studio.owner.http;
  const schoolId = await clientOf(studio, { kind: "school", contactName: "Directora", taxId: "20123456789" });
  const contract = await call("POST", "/api/contracts/", {
    body: {
      schoolId,
      title: `Fotografía escolar ${counter}`,
      type: "annual",
      validFrom,
      validTo,
      value: "5000.00",
      packages: [{ name: "Paquete Promoción", price: "85.00", items: ["Foto 20x30"] }],
    },
  });
  expect(contract.status, JSON.stringify(contract.body)).toBe(201);
  const student = await call("POST", `/api/contracts/${contract.body.id}/students/`, {
    body: { level: "primaria", grade: "5", section: "B", name: "Valeria Huamán" },
  });
  expect(student.status, JSON.stringify(student.body)).toBe(201);
  return { schoolId, contract: contract.body, studentId: student.body.id as number };
}

const activate = (studio: Studio, id: number) =>
  studio.owner.http("POST", `/api/contracts/${id}/transition/`, { body: { to: "active" } });

describe("orders under a school contract", () => {
  it("take the contract's package as a line and the student's class; the contract must be active", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const { schoolId, contract, studentId } = await contractOf(studio);
    const packageId = contract.packages[0].id;
    const body = {
      clientId: schoolId,
      contractId: contract.id,
      studentId,
      lines: [{ kind: "item", packageId, quantity: 2 }],
    };
    const draft = await call("POST", "/api/orders/", { body });
    expect(draft.status).toBe(422);
    expect(draft.body.code).toBe("CONTRACT_NOT_ACTIVE");
    expect((await activate(studio, contract.id)).status).toBe(200);

    const order = await call("POST", "/api/orders/", { body });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect(order.body).toMatchObject({
      contractId: contract.id,
      studentId,
      level: "primaria",
      grade: "5",
      section: "B",
      subtotal: "170.00",
      lines: [{ description: "Paquete Promoción", unitPrice: "85.00", quantity: "2.000", packageId }],
    });
    const filtered = await call("GET", `/api/orders/?contractId=${contract.id}`);
    expect(filtered.body.results.map((o: { id: number }) => o.id)).toEqual([order.body.id]);

    const other = await contractOf(studio);
    await activate(studio, other.contract.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, studentId: other.studentId }, "studentId"],
      [{ ...body, contractId: other.contract.id, studentId: other.studentId }, "lines.0.packageId"],
      [{ clientId: schoolId, lines: [{ kind: "item", packageId, quantity: 1 }] }, "lines.0.packageId"],
    ];
    for (const [bad, field] of cases) {
      const res = await call("POST", "/api/orders/", { body: bad });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
  });

  it("a quote under a contract that is no longer active cannot be confirmed", async ({ studio }) => {
    const call = studio.owner.http;
    const { schoolId, contract } = await contractOf(studio);
    await activate(studio, contract.id);
    const { body: order } = await call("POST", "/api/orders/", {
      body: { clientId: schoolId, contractId: contract.id, lines: [print()] },
    });
    const done = await call("POST", `/api/contracts/${contract.id}/transition/`, { body: { to: "completed" } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const confirm = await call("POST", `/api/orders/${order.id}/transition/`, { body: { to: "confirmed" } });
    expect(confirm.status).toBe(422);
    expect(confirm.body.code).toBe("CONTRACT_NOT_ACTIVE");
    expect((await call("GET", `/api/orders/${order.id}/`)).body.status).toBe("draft");
    // It can still be cancelled.
    expect((await call("POST", `/api/orders/${order.id}/transition/`, { body: { to: "cancelled" } })).status).toBe(200);
  });

  it("outside the contract's validity is 422 CONTRACT_NOT_ACTIVE", async ({ studio }) => {
    const { schoolId, contract } = await contractOf(studio, limaDay(5), limaDay(60));
    const activated = await activate(studio, contract.id);
    expect(activated.status, JSON.stringify(activated.body)).toBe(200);
    const res = await studio.owner.http("POST", "/api/orders/", {
      body: { clientId: schoolId, contractId: contract.id, lines: [print()] },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("CONTRACT_NOT_ACTIVE");
  });
});
