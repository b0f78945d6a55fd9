import { clients, contractStudents, contracts, type Database, type DataLayer } from "@fotostudio/db";
import { createTestLayer, createTestTenant, dropTenant } from "@fotostudio/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertStudents } from "./students.js";

// An access code that clashes with one already on the roster is retried with fresh codes (the
// unique key decides, not a read before the write), against a real tenant database.

let layer: DataLayer;
let slug: string;
let db: Database;
let contractId: number;

beforeAll(async () => {
  layer = await createTestLayer();
  const tenant = await createTestTenant(layer);
  slug = tenant.slug;
  db = layer.tenantDb(tenant) as unknown as Database;
  const [school] = await db.insert(clients).values({ kind: "school", name: "Colegio Códigos" }).$returningId();
  const [row] = await db
    .insert(contracts)
    .values({
      schoolId: school?.id as number,
      title: "Códigos",
      type: "annual",
      validFrom: "2026-03-01",
      validTo: "2026-12-20",
    })
    .$returningId();
  contractId = row?.id as number;
});
afterAll(async () => {
  await dropTenant(layer, slug);
  await layer.close();
});

const student = (name: string) =>
  ({ level: "primaria", grade: "1", section: null, name, guardianName: null, guardianPhone: null }) as const;

describe("access codes on the roster", () => {
  it("a code already on the roster makes the insert retry with new codes, in the same transaction", async () => {
    const [first] = await insertStudents(db, contractId, [student("Primera")], () => ["AAAA2222"]);
    expect(first).toBeDefined();
    const batches = [
      ["AAAA2222", "BBBB3333"],
      ["CCCC4444", "DDDD5555"],
    ];
    let calls = 0;
    const ids = await db.transaction((tx) =>
      insertStudents(tx as unknown as Database, contractId, [student("Segunda"), student("Tercera")], () => {
        const batch = batches[calls++];
        if (!batch) throw new Error("too many attempts");
        return batch;
      }),
    );
    expect(calls).toBe(2);
    expect(ids).toHaveLength(2);
    const rows = await db.select().from(contractStudents).where(eq(contractStudents.contractId, contractId));
    expect(rows.map((r) => [r.name, r.accessCode]).sort()).toEqual([
      ["Primera", "AAAA2222"],
      ["Segunda", "CCCC4444"],
      ["Tercera", "DDDD5555"],
    ]);
  });

  it("gives up after five clashes rather than looping", async () => {
    await expect(insertStudents(db, contractId, [student("Nunca")], () => ["AAAA2222"])).rejects.toThrow();
  });
});
