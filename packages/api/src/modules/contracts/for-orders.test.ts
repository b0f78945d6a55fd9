import {
  type ContractStatus,
  clients,
  contractPackages,
  contractStudents,
  contracts,
  type Database,
  type DataLayer,
} from "@fotostudio/db";
import { createTestLayer, createTestTenant, dropTenant } from "@fotostudio/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors.js";
import { checkContractOrder } from "./for-orders.js";
import { transitionContract } from "./service/lifecycle.js";

// What the orders module asks before an order is placed under a school contract, against a real
// tenant database: active and inside its validity (both days included), the student on its
// roster, and the contract row locked so that a rescind waits for the order's transaction.

let layer: DataLayer;
let slug: string;
let db: Database;
let schoolId: number;

beforeAll(async () => {
  layer = await createTestLayer();
  const tenant = await createTestTenant(layer);
  slug = tenant.slug;
  db = layer.tenantDb(tenant) as unknown as Database;
  const [school] = await db.insert(clients).values({ kind: "school", name: "Colegio Pedido" }).$returningId();
  schoolId = school?.id as number;
});
afterAll(async () => {
  await dropTenant(layer, slug);
  await layer.close();
});

async function contract(status: ContractStatus, validFrom = "2026-03-01", validTo = "2026-12-20") {
  const [row] = await db
    .insert(contracts)
    .values({ schoolId, title: `Contrato ${status}`, type: "annual", validFrom, validTo, status, value: "100.00" })
    .$returningId();
  const id = row?.id as number;
  await db.insert(contractPackages).values([
    { contractId: id, name: "Segundo", price: "20.00", items: ["b"], position: 1 },
    { contractId: id, name: "Primero", price: "10.00", items: ["a"], position: 0 },
  ]);
  const [student] = await db
    .insert(contractStudents)
    .values({ contractId: id, level: "primaria", grade: "3", name: "Ana", accessCode: `C${id}X`.padEnd(8, "Z") })
    .$returningId();
  return { id, studentId: student?.id as number };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      return { code: e.appCode, message: e.message, paths: (e.issues ?? []).map((i) => i.path) };
    },
  );

describe("checkContractOrder", () => {
  it("passes an active contract on any day of its validity, with the student and the packages in order", async () => {
    const c = await contract("active");
    for (const on of ["2026-03-01", "2026-07-15", "2026-12-20"]) {
      const ok = await checkContractOrder(db, { contractId: c.id, studentId: c.studentId, on });
      expect(ok.contract).toMatchObject({ id: c.id, status: "active" });
      expect(ok.student).toMatchObject({ id: c.studentId, name: "Ana" });
      expect(ok.packages.map((p) => p.name)).toEqual(["Primero", "Segundo"]);
    }
    const withoutStudent = await checkContractOrder(db, { contractId: c.id, studentId: null, on: "2026-04-01" });
    expect(withoutStudent.student).toBeNull();
  });

  it.for(["draft", "completed", "rescinded"] as const)(
    "refuses a %s contract with 422 CONTRACT_NOT_ACTIVE",
    async (status) => {
      const c = await contract(status);
      const refused = await failure(checkContractOrder(db, { contractId: c.id, on: "2026-07-15" }));
      expect(refused).toMatchObject({ code: "CONTRACT_NOT_ACTIVE" });
      expect(refused.message).toContain(status);
    },
  );

  it("refuses a day outside the validity with 422 CONTRACT_NOT_ACTIVE saying why", async () => {
    const c = await contract("active");
    const early = await failure(checkContractOrder(db, { contractId: c.id, on: "2026-02-28" }));
    expect(early).toMatchObject({ code: "CONTRACT_NOT_ACTIVE" });
    expect(early.message).toContain("starts on 2026-03-01");
    const late = await failure(checkContractOrder(db, { contractId: c.id, on: "2026-12-21" }));
    expect(late).toMatchObject({ code: "CONTRACT_NOT_ACTIVE" });
    expect(late.message).toContain("2026-12-20");
  });

  it("an unknown contract is a 400 on contractId; a student of another contract a 400 on studentId", async () => {
    expect(await failure(checkContractOrder(db, { contractId: 999_999, on: "2026-07-15" }))).toMatchObject({
      code: "VALIDATION_ERROR",
      paths: ["contractId"],
    });
    const mine = await contract("active");
    const theirs = await contract("active");
    for (const studentId of [theirs.studentId, 999_999]) {
      expect(await failure(checkContractOrder(db, { contractId: mine.id, studentId, on: "2026-07-15" }))).toMatchObject(
        {
          code: "VALIDATION_ERROR",
          paths: ["studentId"],
        },
      );
    }
  });

  it("holds the contract's row lock: a rescind waits for the order's transaction", async () => {
    const c = await contract("active");
    const events: string[] = [];
    let rescind: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await checkContractOrder(tx, { contractId: c.id, on: "2026-07-15" });
      rescind = db
        .transaction((other) => transitionContract(other, { id: c.id, to: "rescinded", reason: "closed" }))
        .then(() => events.push("rescinded"));
      await new Promise((resolve) => setTimeout(resolve, 400));
      events.push("order committed");
    });
    await rescind;
    expect(events).toEqual(["order committed", "rescinded"]);
    const [row] = await db.select().from(contracts).where(eq(contracts.id, c.id));
    expect(row?.status).toBe("rescinded");
  });
});
