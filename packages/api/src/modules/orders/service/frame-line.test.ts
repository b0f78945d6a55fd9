import type { MaterialRow } from "@fotostudio/db";
import { describe, expect, it } from "vitest";
import type { Issue } from "../../../errors.js";
import { systemSettings } from "../../config/settings.schema.js";
import { framePricing } from "../../config/settings.service.js";
import { priceFrameLine } from "./frame-line.js";

const material = (id: number, overrides: Partial<MaterialRow>): MaterialRow => ({
  id,
  category: "varillas",
  subtype: null,
  code: `M-${id}`,
  name: `Material ${id}`,
  unit: "m",
  purchaseUnit: null,
  purchaseFactor: "1.000",
  faceWidthMm: null,
  stickLengthMm: null,
  sheetWidthMm: null,
  sheetHeightMm: null,
  costPrice: "0.00",
  salePrice: "0.00",
  minQty: "0.000",
  maxQty: "0.000",
  packMultiple: "1.000",
  wastePercent: "0.00",
  avgCost: "0.00",
  onOrderQty: "0.000",
  expiresAt: null,
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...overrides,
});

const catalog = new Map(
  [
    material(1, { name: "Oak 3 cm", faceWidthMm: 30, costPrice: "12.00" }),
    material(2, { name: "Glass", unit: "m2", category: "impresion", costPrice: "50.00", wastePercent: "10.00" }),
    material(3, { name: "Old oak", faceWidthMm: 30, active: false }),
    material(4, { name: "Strip without face", faceWidthMm: null }),
  ].map((m) => [m.id, m]),
);
const pricing = framePricing(systemSettings.parse({}));
const spec = (extra: Record<string, unknown> = {}) => ({
  artWidthMm: 400,
  artHeightMm: 500,
  mat: { leftMm: 50, rightMm: 50, topMm: 50, bottomMm: 50 },
  mouldingId: 1,
  ...extra,
});

function price(extra: Record<string, unknown> = {}) {
  const issues: Issue[] = [];
  return { priced: priceFrameLine(spec(extra), catalog, pricing, "lines.0.frame", issues), issues };
}

describe("frame lines from the catalog", () => {
  it("omitted sheets take the studio's price per m²; null is none; an id is that material with its waste", () => {
    const all = price().priced;
    expect(all?.breakdown.components.map((c) => `${c.component}:${c.materialId}:${c.price}`)).toEqual([
      "moulding:1:75.00",
      "glazing:null:24.00",
      "backing:null:9.00",
      "matBoard:null:18.00",
    ]);
    expect(all).toMatchObject({
      unitPriceCents: 12_600,
      unitCostCents: 3_000,
      description: "Frame 400×500 mm, Oak 3 cm",
    });
    const chosen = price({ glazingId: 2, backingId: null, matBoardId: null }).priced;
    // 0.3 m² × 50.00 = 15.00 + 10 % waste = 16.50 cost, marked up 150 % → 41.25.
    expect(chosen?.breakdown.components).toEqual([
      { component: "moulding", materialId: 1, quantity: "2.500", price: "75.00", cost: "30.00" },
      { component: "glazing", materialId: 2, quantity: "0.3000", price: "41.25", cost: "16.50" },
    ]);
    expect(chosen?.breakdown).toMatchObject({ glazingId: 2, backingId: null, matBoardId: null, cost: "46.50" });
  });

  it("no mat, no mat board unless one is chosen", () => {
    const noMat = { mat: { leftMm: 0, rightMm: 0, topMm: 0, bottomMm: 0 } };
    expect(price(noMat).priced?.breakdown.components.map((c) => c.component)).toEqual([
      "moulding",
      "glazing",
      "backing",
    ]);
    expect(price({ ...noMat, matBoardId: 2 }).priced?.breakdown.components.map((c) => c.component)).toContain(
      "matBoard",
    );
  });

  it("the moulding must be an active varillas material in metres with a face width; sheets in m²", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ mouldingId: 99 }, "lines.0.frame.mouldingId"],
      [{ mouldingId: 2 }, "lines.0.frame.mouldingId"],
      [{ mouldingId: 3 }, "lines.0.frame.mouldingId"],
      [{ mouldingId: 4 }, "lines.0.frame.mouldingId"],
      [{ glazingId: 1 }, "lines.0.frame.glazingId"],
      [{ backingId: 99 }, "lines.0.frame.backingId"],
      [{ matBoardId: 3 }, "lines.0.frame.matBoardId"],
    ];
    for (const [extra, path] of cases) {
      const { priced, issues } = price(extra);
      expect(priced, path).toBeNull();
      expect(issues.map((i) => i.path)).toEqual([path]);
    }
  });
});
