import type { Database, DataLayer } from "@fotostudio/db";
import { createTestLayer, createTestTenant, dropTenant } from "@fotostudio/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatNumber, nextNumber } from "./numbering.js";

// Production order numbers and product codes, against a real tenant database: per series and
// year, unique and gap-free when creators race, and a rolled-back creation hands its number back.

let layer: DataLayer;
let slug: string;
let db: Database;

beforeAll(async () => {
  layer = await createTestLayer();
  const tenant = await createTestTenant(layer);
  slug = tenant.slug;
  db = layer.tenantDb(tenant) as unknown as Database;
});
afterAll(async () => {
  await dropTenant(layer, slug);
  await layer.close();
});

describe("numbers of the shared series", () => {
  it("reads OP-2026-000045 and PT-2026-000012", () => {
    expect(formatNumber("production", 2026, 45)).toBe("OP-2026-000045");
    expect(formatNumber("product", 2026, 12)).toBe("PT-2026-000012");
  });

  it("counts each series and year on its own, from 1", async () => {
    const take = (series: "production" | "product", year: number) =>
      db.transaction(async (tx) => (await nextNumber(tx, series, year)).number);
    expect(await take("production", 2030)).toBe("OP-2030-000001");
    expect(await take("production", 2030)).toBe("OP-2030-000002");
    expect(await take("product", 2030)).toBe("PT-2030-000001");
    expect(await take("production", 2031)).toBe("OP-2031-000001");
  });

  it("uses the studio's current year when none is given", async () => {
    const { year, number } = await db.transaction((tx) => nextNumber(tx, "product"));
    const lima = Number(new Intl.DateTimeFormat("en", { timeZone: "America/Lima", year: "numeric" }).format());
    expect(year).toBe(lima);
    expect(number).toMatch(new RegExp(`^PT-${lima}-\\d{6}$`));
  });

  it("hands out unique, gap-free numbers to 20 racing creators; a rollback gives its number back", async () => {
    await expect(
      db.transaction(async (tx) => {
        await nextNumber(tx, "production", 2040);
        throw new Error("the creation failed");
      }),
    ).rejects.toThrow("the creation failed");
    const numbers = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => (await nextNumber(tx, "production", 2040)).sequence),
      ),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
