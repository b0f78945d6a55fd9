import { materials } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The materials catalog (inventory, catalog part): CRUD over REST and the SDK, the rules across
// fields, the seven legacy per-category lists, and cost fields only for roles holding costs:read.
const it = studioTest();

let counter = 0;
const code = (prefix = "MAT") => `${prefix}-${++counter}`;

/** A moulding, the body the legacy frontend sends. */
const moulding = (overrides: Record<string, unknown> = {}) => ({
  category: "varillas",
  subtype: "moulding strip",
  code: code("VAR"),
  name: "Moulding oak 3 cm",
  unit: "m",
  faceWidthMm: 30,
  stickLengthMm: 2900,
  costPrice: "8.20",
  salePrice: "12.50",
  minQty: "2.5",
  maxQty: "20.000",
  ...overrides,
});

describe("REST materials", () => {
  it("creates with 201, money and quantities as decimal strings, and reads it back", async ({ studio }) => {
    const call = studio.owner.http;
    const created = await call("POST", "/api/inventory/materials/", { body: moulding({ purchaseUnit: "stick" }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      category: "varillas",
      subtype: "moulding strip",
      name: "Moulding oak 3 cm",
      unit: "m",
      purchaseUnit: "stick",
      purchaseFactor: "1.000",
      faceWidthMm: 30,
      stickLengthMm: 2900,
      sheetWidthMm: null,
      salePrice: "12.50",
      minQty: "2.500",
      maxQty: "20.000",
      packMultiple: "1.000",
      wastePercent: "0.00",
      expiresAt: null,
      active: true,
    });
    const got = await call("GET", `/api/inventory/materials/${created.body.id}/`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    // Stored exactly, as DECIMAL.
    const [stored] = await studio.db.select().from(materials).where(eq(materials.id, created.body.id));
    expect(stored).toMatchObject({ salePrice: "12.50", minQty: "2.500" });
  });

  it("lists with filters, search over code, name and subtype, and ordering", async ({ studio }) => {
    const call = studio.owner.http;
    const a = await call("POST", "/api/inventory/materials", { body: moulding({ code: "LIST-B", name: "Beta" }) });
    const b = await call("POST", "/api/inventory/materials", {
      body: {
        category: "impresion",
        subtype: "photo paper",
        code: "LIST-A",
        name: "Alpha",
        unit: "sheet",
        active: false,
      },
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    const list = await call("GET", "/api/inventory/materials/?search=LIST-&ordering=code");
    expect(list.body.results.map((r: { code: string }) => r.code)).toEqual(["LIST-A", "LIST-B"]);
    const byName = await call("GET", "/api/inventory/materials/?search=LIST-&ordering=-name");
    expect(byName.body.results.map((r: { name: string }) => r.name)).toEqual(["Beta", "Alpha"]);
    expect((await call("GET", "/api/inventory/materials/?search=photo paper")).body).toMatchObject({
      count: 1,
      results: [{ code: "LIST-A", sheetWidthMm: null }],
    });
    expect((await call("GET", "/api/inventory/materials/?search=LIST-&active=false")).body.count).toBe(1);
    expect((await call("GET", "/api/inventory/materials/?search=LIST-&category=varillas")).body).toMatchObject({
      count: 1,
      results: [{ code: "LIST-B" }],
    });
  });

  it("PUT replaces every field, PATCH changes only what it sends, DELETE removes it", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: row } = await call("POST", "/api/inventory/materials", { body: moulding({ purchaseUnit: "stick" }) });
    const patched = await call("PATCH", `/api/inventory/materials/${row.id}/`, {
      body: { salePrice: "13.5", wastePercent: "7.5" },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      salePrice: "13.50",
      wastePercent: "7.50",
      purchaseUnit: "stick",
      minQty: "2.500",
    });
    const replaced = await call("PUT", `/api/inventory/materials/${row.id}/`, {
      body: { category: "pintura", code: row.code, name: "Acrylic white", unit: "ml" },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({
      category: "pintura",
      unit: "ml",
      purchaseUnit: null,
      faceWidthMm: null,
      salePrice: "0.00",
      wastePercent: "0.00",
    });
    // A category change without a unit takes the new category's unit.
    const moved = await call("PATCH", `/api/inventory/materials/${row.id}/`, { body: { category: "diseno" } });
    expect(moved.body).toMatchObject({ category: "diseno", unit: "unit" });

    expect(await call("DELETE", `/api/inventory/materials/${row.id}/`)).toMatchObject({
      status: 200,
      body: { id: row.id, deleted: true },
    });
    expect((await call("GET", `/api/inventory/materials/${row.id}/`)).body.code).toBe("NOT_FOUND");
  });

  it("the unit is validated against the category, and defaults to the category's", async ({ studio }) => {
    const call = studio.owner.http;
    const wrong = await call("POST", "/api/inventory/materials/", { body: moulding({ unit: "unit" }) });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("VALIDATION_ERROR");
    expect(issuePaths(wrong.body)).toEqual(["unit"]);
    const m2 = await call("POST", "/api/inventory/materials/", {
      body: { category: "impresion", code: code("IMP"), name: "Glossy paper", unit: "m2" },
    });
    expect(m2.body.unit).toBe("m2");
    const defaulted = await call("POST", "/api/inventory/materials/", {
      body: { category: "software", code: code("SW"), name: "Editing licence", expiresAt: "2027-06-30" },
    });
    expect(defaulted.body).toMatchObject({ unit: "unit", expiresAt: "2027-06-30" });
    const patched = await call("PATCH", `/api/inventory/materials/${m2.body.id}/`, { body: { unit: "ml" } });
    expect(patched.status).toBe(400);
    expect(issuePaths(patched.body)).toEqual(["unit"]);
  });

  it("mouldings need faceWidthMm, sheets and other materials have none; max must not be below min", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const noFace = await call("POST", "/api/inventory/materials/", { body: moulding({ faceWidthMm: null }) });
    expect(noFace.status).toBe(400);
    expect(issuePaths(noFace.body)).toEqual(["faceWidthMm"]);
    const faceElsewhere = await call("POST", "/api/inventory/materials/", {
      body: { category: "diseno", code: code("DIS"), name: "Template", faceWidthMm: 20 },
    });
    expect(issuePaths(faceElsewhere.body)).toEqual(["faceWidthMm"]);
    // Glass, backing and mat board are varillas sheets, by the m², with no face width.
    const glass = await call("POST", "/api/inventory/materials/", {
      body: { category: "varillas", subtype: "glass", code: code("VID"), name: "Float glass 2 mm", unit: "m2" },
    });
    expect(glass.status, JSON.stringify(glass.body)).toBe(201);
    expect(glass.body).toMatchObject({ category: "varillas", unit: "m2", faceWidthMm: null });
    const sheetWithFace = await call("PATCH", `/api/inventory/materials/${glass.body.id}/`, {
      body: { faceWidthMm: 20 },
    });
    expect(issuePaths(sheetWithFace.body)).toEqual(["faceWidthMm"]);
    const range = await call("POST", "/api/inventory/materials/", { body: moulding({ minQty: "5", maxQty: "4.999" }) });
    expect(range.status).toBe(400);
    expect(issuePaths(range.body)).toEqual(["maxQty"]);
  });

  it("a duplicate code is 409 CONFLICT and nothing is written", async ({ studio }) => {
    const call = studio.owner.http;
    const first = await call("POST", "/api/inventory/materials/", { body: moulding({ code: "DUP-1" }) });
    expect(first.status).toBe(201);
    const count = async () => (await call("GET", "/api/inventory/materials/?pageSize=1")).body.count;
    const before = await count();
    const again = await call("POST", "/api/inventory/materials/", { body: moulding({ code: "DUP-1", name: "Other" }) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CONFLICT");
    expect(await count()).toBe(before);
    const other = await call("POST", "/api/inventory/materials/", { body: moulding({ code: "DUP-2" }) });
    const renamed = await call("PATCH", `/api/inventory/materials/${other.body.id}/`, { body: { code: "DUP-1" } });
    expect(renamed.status).toBe(409);
    expect((await call("GET", `/api/inventory/materials/${other.body.id}/`)).body.code).toBe("DUP-2");
  });

  it("refuses bad input with 400 naming the field, and writes nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const before = (await call("GET", "/api/inventory/materials/")).body.count;
    const cases: [Record<string, unknown>, string][] = [
      [moulding({ name: "" }), "name"],
      [moulding({ category: "madera" }), "category"],
      [moulding({ salePrice: "12.505" }), "salePrice"],
      [moulding({ costPrice: "-1.00" }), "costPrice"],
      [moulding({ minQty: "1.2345" }), "minQty"],
      [moulding({ packMultiple: "0" }), "packMultiple"],
      [moulding({ wastePercent: "100.01" }), "wastePercent"],
      [moulding({ faceWidthMm: 2.5 }), "faceWidthMm"],
      [moulding({ expiresAt: "2027-13-01" }), "expiresAt"],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", "/api/inventory/materials/", { body });
      expect(res.status, field).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(issuePaths(res.body), field).toContain(field);
    }
    expect((await call("GET", "/api/inventory/materials/?ordering=sideways")).status).toBe(400);
    expect((await call("GET", "/api/inventory/materials/")).body.count).toBe(before);
    expect((await call("GET", "/api/inventory/materials/999999/")).status).toBe(404);
  });

  it("each legacy list shows only its category", async ({ studio }) => {
    const call = studio.owner.http;
    const bodies = {
      varillas: moulding(),
      pinturas: { category: "pinturas", code: code("PIN"), name: "Oil landscape" },
      impresion: { category: "impresion", code: code("IMP"), name: "Lustre paper", unit: "sheet" },
      recordatorio: { category: "recordatorio", code: code("REC"), name: "Souvenir frame" },
      software: { category: "software", code: code("SW"), name: "Retouch licence" },
      pintura: { category: "pintura", code: code("PNT"), name: "Acrylic red", unit: "ml" },
      diseno: { category: "diseno", code: code("DIS"), name: "Font pack" },
    };
    const ids: Record<string, number> = {};
    for (const [category, body] of Object.entries(bodies)) {
      const res = await call("POST", "/api/inventory/materials", { body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[category] = res.body.id;
    }
    for (const category of Object.keys(bodies)) {
      for (const path of [`/api/inventory/${category}/`, `/api/inventory/${category}?pageSize=100`]) {
        const res = await call("GET", path);
        expect(res.status, path).toBe(200);
        expect(res.body.count).toBeGreaterThan(0);
        expect(
          res.body.results.every((r: { category: string }) => r.category === category),
          path,
        ).toBe(true);
        expect(res.body.results.map((r: { id: number }) => r.id)).toContain(ids[category]);
      }
    }
    const sdk = await studio.owner.sdk.inventory.diseno.query({ search: "Font" });
    expect(sdk.results.map((r) => r.id)).toEqual([ids.diseno]);
  });
});

describe("who sees and changes the catalog", () => {
  it("the viewer reads but may not write (403)", async ({ studio }) => {
    const { body: row } = await studio.owner.http("POST", "/api/inventory/materials", { body: moulding() });
    const viewer = studio.users.viewer.http;
    const read = await viewer("GET", `/api/inventory/materials/${row.id}/`);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty("costPrice");
    expect((await viewer("GET", "/api/inventory/varillas/")).status).toBe(200);
    const denied = await viewer("POST", "/api/inventory/materials/", { body: moulding() });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("FORBIDDEN");
    expect((await viewer("PATCH", `/api/inventory/materials/${row.id}/`, { body: { name: "x" } })).status).toBe(403);
    expect((await viewer("DELETE", `/api/inventory/materials/${row.id}/`)).status).toBe(403);
    const sdkDenied = await studio.users.viewer.sdk.inventory.delete.mutate({ id: row.id }).catch((e: unknown) => e);
    expect(errorCode(sdkDenied)).toBe("FORBIDDEN");
  });

  it("cost and margin only for roles holding costs:read (sales not), over REST and tRPC", async ({ studio }) => {
    const { body: row } = await studio.owner.http("POST", "/api/inventory/materials", { body: moulding() });
    const sales = studio.users.sales;
    for (const body of [
      (await sales.http("GET", `/api/inventory/materials/${row.id}/`)).body,
      (await sales.http("GET", `/api/inventory/materials/?search=${row.code}`)).body.results[0],
      (await sales.http("GET", `/api/inventory/varillas/?search=${row.code}`)).body.results[0],
      await sales.sdk.inventory.byId.query({ id: row.id }),
      (await sales.sdk.inventory.list.query({ search: row.code })).results[0],
    ]) {
      expect(body).toMatchObject({ id: row.id, salePrice: "12.50" });
      expect(body).not.toHaveProperty("costPrice");
      expect(body).not.toHaveProperty("marginPercent");
    }

    // The owner (and the manager) hold costs:read.
    for (const user of [studio.owner, studio.users.manager]) {
      const rest = (await user.http("GET", `/api/inventory/materials/${row.id}/`)).body;
      const list = (await user.http("GET", `/api/inventory/varillas/?search=${row.code}`)).body.results[0];
      const trpc = await user.sdk.inventory.byId.query({ id: row.id });
      for (const body of [row, rest, list, trpc]) {
        expect(body).toMatchObject({ costPrice: "8.20", marginPercent: "52.44" });
      }
    }
    const free = await studio.owner.http("POST", "/api/inventory/materials", {
      body: { category: "diseno", code: code("DIS"), name: "Free font", salePrice: "5.00" },
    });
    expect(free.body).toMatchObject({ costPrice: "0.00", marginPercent: null });
  });
});

describe("SDK materials", () => {
  it("the same procedures, typed; a missing id is NOT_FOUND", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const created = await sdk.inventory.create.mutate({
      category: "impresion",
      code: code("SDK"),
      name: "Canvas roll",
      unit: "m2",
      salePrice: "45.00",
      minQty: "1.25",
      sheetWidthMm: 1100,
      maxQty: "5",
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created).toMatchObject({ salePrice: "45.00", minQty: "1.250", sheetWidthMm: 1100 });
    expect((await sdk.inventory.patch.mutate({ id: created.id, maxQty: "10" })).maxQty).toBe("10.000");
    const replaced = await sdk.inventory.update.mutate({
      id: created.id,
      category: "impresion",
      code: created.code,
      name: "Canvas",
    });
    expect(replaced).toMatchObject({ name: "Canvas", unit: "m2", salePrice: "0.00" });
    const dup = await sdk.inventory.create
      .mutate({ category: "diseno", code: created.code, name: "Again" })
      .catch((e: unknown) => e);
    expect(errorCode(dup)).toBe("CONFLICT");
    await sdk.inventory.delete.mutate({ id: created.id });
    expect(errorCode(await sdk.inventory.byId.query({ id: created.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });
});
