import { clients, contractPayments } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Http, type Studio, studioTest } from "../support/studio.js";

// Payments on a school contract, like an order's: paid = deposits + payments − refunds, never
// above the contract's value, a refund never above what was paid; paid, balance and paidPercent
// derived; payments never edited or deleted; two racing payments cannot both overpay.
const it = studioTest();

let schoolId: number | undefined;
async function contract(studio: Studio, value: string, status = "active") {
  const call = studio.owner.http;
  // Schools are made in the database: these tests are about contracts, not the clients module's rules.
  schoolId ??= (await studio.db.insert(clients).values({ name: "Colegio Pagos", kind: "school" }).$returningId())[0]
    ?.id;
  const res = await call("POST", "/api/contracts/", {
    body: { schoolId, title: "Pagos", type: "annual", validFrom: "2026-03-01", validTo: "2026-12-20", value, status },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const pay = (call: Http, id: number, body: Record<string, unknown>) =>
  call("POST", `/api/contracts/${id}/payments/`, { body: { method: "transfer", ...body } });

describe("contract payments", () => {
  it("deposits, payments and refunds move paid, balance and paidPercent", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio, "1000.00");
    const deposit = await pay(call, id, { kind: "deposit", amount: "300", method: "cash", reference: "REC-1" });
    expect(deposit.status, JSON.stringify(deposit.body)).toBe(201);
    expect(deposit.body).toMatchObject({
      kind: "deposit",
      amount: "300.00",
      method: "cash",
      reference: "REC-1",
      createdBy: studio.owner.id,
    });
    expect((await call("GET", `/api/contracts/${id}/`)).body).toMatchObject({
      paid: "300.00",
      balance: "700.00",
      paidPercent: "30.00",
    });
    expect((await pay(call, id, { kind: "payment", amount: 700 })).status).toBe(201);
    expect((await call("GET", `/api/contracts/${id}/`)).body).toMatchObject({
      paid: "1000.00",
      balance: "0.00",
      paidPercent: "100.00",
    });
    expect((await pay(call, id, { kind: "refund", amount: "199.99", method: "cash" })).status).toBe(201);
    const account = await call("GET", `/api/contracts/${id}/payments/`);
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({
      contractId: id,
      value: "1000.00",
      paid: "800.01",
      balance: "199.99",
      paidPercent: "80.00",
    });
    expect(account.body.results.map((p: { kind: string; amount: string }) => [p.kind, p.amount])).toEqual([
      ["deposit", "300.00"],
      ["payment", "700.00"],
      ["refund", "199.99"],
    ]);
  });

  it("paidPercent has two decimals, half up, and is 0.00 when the value is 0", async ({ studio }) => {
    const call = studio.owner.http;
    const third = await contract(studio, "3.00");
    await pay(call, third, { kind: "payment", amount: "1.00" });
    expect((await call("GET", `/api/contracts/${third}/`)).body.paidPercent).toBe("33.33");
    await pay(call, third, { kind: "payment", amount: "1.00" });
    expect((await call("GET", `/api/contracts/${third}/`)).body.paidPercent).toBe("66.67");
    const eighth = await contract(studio, "800.00");
    await pay(call, eighth, { kind: "payment", amount: "0.04" }); // 0.005 %: half up to 0.01
    expect((await call("GET", `/api/contracts/${eighth}/`)).body.paidPercent).toBe("0.01");
    const free = await contract(studio, "0");
    expect((await call("GET", `/api/contracts/${free}/`)).body).toMatchObject({ paidPercent: "0.00", balance: "0.00" });
    expect((await pay(call, free, { kind: "payment", amount: "0.01" })).body.code).toBe("OVERPAYMENT");
  });

  it("overpaying is 422 OVERPAYMENT, refunding more than was paid 422 REFUND_EXCEEDS_PAID; nothing is written", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const id = await contract(studio, "500.00");
    await pay(call, id, { kind: "deposit", amount: "400.00" });
    const over = await pay(call, id, { kind: "payment", amount: "100.01" });
    expect(over.status).toBe(422);
    expect(over.body.code).toBe("OVERPAYMENT");
    const refund = await pay(call, id, { kind: "refund", amount: "400.01" });
    expect(refund.status).toBe(422);
    expect(refund.body.code).toBe("REFUND_EXCEEDS_PAID");
    const rows = await studio.db.select().from(contractPayments).where(eq(contractPayments.contractId, id));
    expect(rows.map((r) => r.amount)).toEqual(["400.00"]);
    expect((await pay(call, id, { kind: "payment", amount: "100.00" })).status).toBe(201);
  });

  it("the value cannot drop below what was paid (422 OVERPAYMENT); down to it is fine", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio, "500.00");
    await pay(call, id, { kind: "payment", amount: "250.00" });
    const lower = await call("PATCH", `/api/contracts/${id}/`, { body: { value: "249.99" } });
    expect(lower.status).toBe(422);
    expect(lower.body.code).toBe("OVERPAYMENT");
    expect((await call("GET", `/api/contracts/${id}/`)).body.value).toBe("500.00");
    const exact = await call("PATCH", `/api/contracts/${id}/`, { body: { value: "250" } });
    expect(exact.body).toMatchObject({ value: "250.00", balance: "0.00", paidPercent: "100.00" });
  });

  it("a rescinded contract takes refunds only (422 CONTRACT_NOT_ACTIVE otherwise)", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio, "500.00");
    await pay(call, id, { kind: "deposit", amount: "200.00" });
    await call("POST", `/api/contracts/${id}/transition/`, { body: { to: "rescinded", reason: "school closed" } });
    const refused = await pay(call, id, { kind: "payment", amount: "10.00" });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("CONTRACT_NOT_ACTIVE");
    expect((await pay(call, id, { kind: "refund", amount: "200.00" })).status).toBe(201);
    expect((await call("GET", `/api/contracts/${id}/`)).body).toMatchObject({ status: "rescinded", paid: "0.00" });
  });

  it("refuses bad bodies with 400 naming the field; an unknown contract is 404", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio, "500.00");
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "payment", amount: "0" }, "amount"],
      [{ kind: "payment", amount: "-5" }, "amount"],
      [{ kind: "payment", amount: "1.001" }, "amount"],
      [{ kind: "payment", amount: 0.1 + 0.2 }, "amount"],
      [{ kind: "gift", amount: "1" }, "kind"],
      [{ kind: "payment", amount: "1", method: "cheque" }, "method"],
    ];
    for (const [body, field] of cases) {
      const res = await pay(call, id, body);
      expect(res.status, field).toBe(400);
      expect(
        res.body.issues.map((i: { path: string }) => i.path),
        field,
      ).toContain(field);
    }
    expect((await call("GET", `/api/contracts/${id}/payments/`)).body.results).toEqual([]);
    expect((await pay(call, 999_999, { kind: "payment", amount: "1" })).status).toBe(404);
    // Payments are never edited or deleted: there is no such route.
    expect((await call("DELETE", `/api/contracts/${id}/payments/`)).status).toBeGreaterThanOrEqual(404);
  });

  it("two payments racing for the last balance: exactly one lands", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio, "100.00");
    const results = await Promise.all([
      pay(call, id, { kind: "payment", amount: "60.00" }),
      studio.users.sales.http("POST", `/api/contracts/${id}/payments/`, {
        body: { kind: "payment", amount: "60.00", method: "cash" },
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(results.find((r) => r.status === 422)?.body.code).toBe("OVERPAYMENT");
    expect((await call("GET", `/api/contracts/${id}/`)).body).toMatchObject({ paid: "60.00", balance: "40.00" });
  });

  it("over the SDK: the same rules, typed", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const id = await contract(studio, "250.00");
    const payment = await sdk.contracts.addPayment.mutate({ id, kind: "deposit", amount: "50.00", method: "wallet" });
    expect(payment.createdAt).toBeInstanceOf(Date);
    expect(payment).toMatchObject({ amount: "50.00", method: "wallet", reference: null });
    const account = await sdk.contracts.payments.query({ id });
    expect(account).toMatchObject({ paid: "50.00", balance: "200.00", paidPercent: "20.00" });
    const over = await sdk.contracts.addPayment
      .mutate({ id, kind: "payment", amount: "200.01", method: "card" })
      .catch((e: unknown) => e);
    expect(errorCode(over)).toBe("OVERPAYMENT");
    const viewer = await studio.users.viewer.sdk.contracts.addPayment
      .mutate({ id, kind: "payment", amount: "1", method: "card" })
      .catch((e: unknown) => e);
    expect(errorCode(viewer)).toBe("FORBIDDEN");
    expect((await studio.users.viewer.sdk.contracts.payments.query({ id })).results).toHaveLength(1);
  });
});
