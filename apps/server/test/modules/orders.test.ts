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
    body: { name: `Ana Quispe ${counter}`, taxId: `4455${counter}`, phone: `+51 987 654 ${100 + counter}` },
  });
  expect([moulding.status, glass.status, client.status]).toEqual([201, 201, 201]);
  const [service] = await studio.db.select().from(services).limit(1);
  if (!service) throw new Error("the studio has no service catalog");
  return { mouldingId: moulding.body.id, glassId: glass.body.id, clientId: client.body.id, service };
}

/** The issue's worked example: 400×500 art, 50 mm mat on every side. */
const example = (mouldingId: number, extra: Record<string, unknown> = {}) => ({
  artWidthMm: 400,
  artHeightMm: 500,
  mat: { leftMm: 50, rightMm: 50, topMm: 50, bottomMm: 50 },
  mouldingId,
  ...extra,
});

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

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
