import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor } from "./production-fixtures.js";

const it = studioTest();

interface AlertRow {
  kind: string;
  productionOrderId: number | null;
  code: string | null;
  dueAt: string | null;
  materialId: number | null;
}

describe("late production orders on the alerts list", () => {
  it("lists a production order past its due date until it is done or cancelled; on-time ones never", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const o = await framedOrder(studio, { lines: 2 });
    const late = await productionFor(studio, o.lineIds[0] as number, { dueAt: "2020-01-01" });
    const onTime = await productionFor(studio, o.lineIds[1] as number, { dueAt: "2031-01-01" });
    const lateRows = async () =>
      ((await call("GET", "/api/inventory/alerts/")).body as AlertRow[]).filter((r) => r.kind === "late_production");

    const rows = await lateRows();
    expect(rows).toEqual([
      expect.objectContaining({
        productionOrderId: late.id,
        code: late.number,
        materialId: null,
        // Due at the end of 2020-01-01 in Lima (UTC−5).
        dueAt: "2020-01-02T04:59:59.999Z",
      }),
    ]);
    expect(rows.map((r) => r.productionOrderId)).not.toContain(onTime.id);

    // Cancelled (before it started): no longer late.
    expect((await move(studio, late.id, "cancelled", "client changed their mind")).status).toBe(200);
    expect(await lateRows()).toEqual([]);
  });
});
