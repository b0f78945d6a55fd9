import { cents, type Demo, money } from "./api.js";

// Today's counter: the loader dates the planned orders back over six months, so early in a month
// the month's reports could be nearly empty. A few walk-in sales made today (not dated back) keep
// every month section true and non-empty: prints and enlargements paid by card, wallet and
// transfer, a deposit in cash, and one collected and delivered on the spot. Quantities come from
// the studio's seeded generator: each studio its own numbers, the same on every machine.

const WALK_INS = [
  { service: "Impresión Minilab", qty: [12, 60], pay: [["payment", 1, "card"]] },
  { service: "Ampliación", qty: [1, 4], pay: [["deposit", 0.5, "cash"]] },
  { service: "Retoque Fotográfico", qty: [1, 6], pay: [["payment", 1, "wallet"]], deliver: true },
  { service: "Impresión Minilab", qty: [6, 30], pay: [["payment", 1, "transfer"]] },
] as const;

export async function seedCounter(
  { post, random }: Demo,
  clients: { id: number; kind: string }[],
  service: (name: string) => { id: number; name: string; basePrice: string },
) {
  const people = clients.filter((c) => c.kind === "person");
  let payments = 0;
  for (const sale of WALK_INS) {
    const s = service(sale.service);
    const created = await post("/api/orders/", {
      clientId: random.pick(people).id,
      serviceId: s.id,
      lines: [
        {
          kind: "item",
          serviceId: s.id,
          description: s.name,
          quantity: String(random.int(sale.qty[0], sale.qty[1])),
          unitPrice: s.basePrice,
        },
      ],
    });
    await post(`/api/orders/${created.id}/transition/`, { to: "confirmed" });
    for (const [kind, share, method] of sale.pay) {
      await post(`/api/orders/${created.id}/payments/`, { kind, amount: money(cents(created.total) * share), method });
      payments++;
    }
    if ("deliver" in sale) {
      for (const to of ["ready", "delivered"]) await post(`/api/orders/${created.id}/transition/`, { to });
    }
  }
  return { walkIns: WALK_INS.length, walkInPayments: payments };
}
