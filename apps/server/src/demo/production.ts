import type { Demo } from "./api.js";

// The workshop's month: framed pieces made for the shop window (production orders of no order,
// so the orders' planned states stay as planned), each confirmed, started and registered with
// what it used and wasted (its finished product goes to stock), one still in progress and one
// waiting to start, so the production report, waste and efficiency KPIs and the dashboard show
// something true. Deterministic: the quantities come from the studio's seeded generator.

const MOULDINGS = ["VAR-001", "VAR-002", "VAR-003"];
const GLASS = "VID-002";
const WASTE_REASONS = ["Corte mal medido", "Esquina astillada", "Vidrio rayado al montar"];

const qty = (thousandths: number) => (thousandths / 1000).toFixed(3);

export async function seedProduction({ post, random }: Demo, materials: Map<string, number>) {
  let done = 0;
  const make = async (i: number) => {
    const moulding = materials.get(MOULDINGS[i % MOULDINGS.length] as string) as number;
    const glass = materials.get(GLASS) as number;
    const length = random.int(1400, 3200); // mm of moulding a piece needs
    const area = random.int(60, 200); // thousandths of m² of glass
    const created = await post("/api/production/orders/", {
      type: "framing",
      priority: random.pick(["normal", "normal", "high"]),
      notes: "Cuadro para vitrina",
      components: [
        { materialId: moulding, plannedQty: qty(length) },
        { materialId: glass, plannedQty: qty(area) },
      ],
    });
    return { id: created.id as number, moulding, glass, length, area };
  };
  const to = (id: number, status: string) => post(`/api/production/orders/${id}/transition/`, { to: status });

  for (let i = 0; i < 5; i++) {
    const piece = await make(i);
    await to(piece.id, "confirmed");
    await to(piece.id, "in_progress");
    const wasted = random.int(40, 250); // mm of moulding lost to a bad cut
    await post("/api/production/register/", {
      productionOrderId: piece.id,
      consumed: [
        { materialId: piece.moulding, quantity: qty(piece.length) },
        { materialId: piece.glass, quantity: qty(piece.area) },
      ],
      waste: [{ materialId: piece.moulding, quantity: qty(wasted), reason: random.pick(WASTE_REASONS) }],
    });
    done++;
  }
  const working = await make(5);
  await to(working.id, "confirmed");
  await to(working.id, "in_progress");
  const waiting = await make(6);
  await to(waiting.id, "confirmed");
  return { productionOrders: done + 2, productsMade: done };
}
