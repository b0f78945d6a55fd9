import { type Database, orderPayments, orders } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { cents, type Demo, money } from "./api.js";
import type { DemoContract } from "./contracts.js";
import { type DemoStatus, planOrders } from "./plan.js";

interface Catalog {
  clients: { id: number }[];
  /** The running contract: orders under it stay inside its validity once dated back. */
  running: DemoContract;
  mouldings: number[];
  glazingId: number;
  service(name: string): { id: number; name: string; basePrice: string };
}

/**
 * Sixty orders over the last six months, oldest first so that numbers grow with dates: framed
 * pieces and item lines, deposits and payments, each walked to its planned state through the API,
 * then dated back in the database. Answers how many payments were taken.
 */
export async function seedOrders({ post, random, now, day }: Demo, db: Database, catalog: Catalog) {
  const { clients, running, mouldings, service } = catalog;
  const plans = planOrders(random, 60);
  let paymentCount = 0;
  const dated: { id: number; created: Date; plan: (typeof plans)[number] }[] = [];
  for (const plan of plans) {
    const client = random.pick(clients);
    const underContract = plan.ageDays < 55 && random.chance(0.2);
    const lines: unknown[] = [];
    for (let f = 0; f < plan.frames; f++) {
      const side = random.pick([0, 0, 30, 50]);
      lines.push({
        kind: "frame",
        quantity: "1",
        description: random.pick(["Cuadro foto familiar", "Diploma enmarcado", "Lámina decorativa", "Óleo"]),
        frame: {
          artWidthMm: random.pick([200, 300, 400, 500, 600]),
          artHeightMm: random.pick([250, 300, 400, 500, 700]),
          mat: { leftMm: side, rightMm: side, topMm: side, bottomMm: side },
          mouldingId: random.pick(mouldings),
          ...(random.chance(0.3) ? { glazingId: catalog.glazingId } : {}),
        },
      });
    }
    const extra = random.pick([
      { name: "Impresión Minilab", qty: String(random.int(10, 120)) },
      { name: "Retoque Fotográfico", qty: String(random.int(1, 6)) },
      { name: "Ampliación", qty: String(random.int(1, 3)) },
      { name: "Recordatorio Escolar", qty: String(random.int(20, 60)) },
    ]);
    if (lines.length === 0 || random.chance(0.4)) {
      const s = service(extra.name);
      lines.push({ kind: "item", serviceId: s.id, description: s.name, quantity: extra.qty, unitPrice: s.basePrice });
    }
    if (underContract) {
      lines.push({ kind: "item", packageId: random.pick(running.packages), quantity: String(random.int(1, 2)) });
    }
    const created = await post("/api/orders/", {
      clientId: underContract ? running.schoolId : client.id,
      serviceId: service(plan.frames > 0 ? "Enmarcado" : extra.name).id,
      priority: random.chance(0.15) ? "rush" : "normal",
      promisedAt: day(-plan.ageDays + plan.promisedAfterDays),
      ...(underContract
        ? {
            contractId: running.id,
            studentId: random.pick(running.students),
            level: "primaria",
            grade: String(random.int(1, 6)),
            section: random.pick(["A", "B"]),
          }
        : {}),
      lines,
    });
    const totalCents = cents(created.total);
    const pay = async (kind: string, cents: number, method: string) => {
      if (cents <= 0) return;
      await post(`/api/orders/${created.id}/payments/`, { kind, amount: money(cents), method });
      paymentCount++;
    };
    const deposit = Math.round(totalCents * plan.depositShare);
    await pay("deposit", deposit, random.pick(["cash", "wallet", "card"]));
    const path = lifecycle(plan.status, plan.frames > 0);
    for (const to of path) {
      if (to === "delivered") await pay("payment", totalCents - deposit, random.pick(["cash", "card", "transfer"]));
      if (to === "cancelled" && deposit > 0) await pay("refund", deposit, "cash");
      await post(`/api/orders/${created.id}/transition/`, {
        to,
        ...(to === "cancelled" ? { reason: "El cliente desistió del pedido" } : {}),
      });
    }
    dated.push({ id: created.id, created: new Date(+now - plan.ageHours * 3_600_000), plan });
  }
  await dateOrdersBack(db, dated);

  return { orders: plans.length, payments: paymentCount };
}

/** The transitions that take a new draft to `status`. */
function lifecycle(status: DemoStatus, produced: boolean): DemoStatus[] {
  const forward: DemoStatus[] = produced
    ? ["confirmed", "in_production", "ready", "delivered"]
    : ["confirmed", "ready", "delivered"];
  if (status === "draft") return [];
  if (status === "cancelled") return ["confirmed", "cancelled"];
  return forward.slice(0, forward.indexOf(status) + 1);
}

/** The API stamps "now": each order, its payments and its milestones get its own date in the past. */
async function dateOrdersBack(
  db: Database,
  dated: { id: number; created: Date; plan: { promisedAfterDays: number; status: DemoStatus } }[],
) {
  await db.transaction(async (tx) => {
    for (const { id, created, plan } of dated) {
      const at = (hours: number) => new Date(+created + hours * 3_600_000);
      const doneAfter = plan.promisedAfterDays * 24 + (plan.status === "delivered" ? 4 : 0);
      await tx
        .update(orders)
        .set({
          createdAt: created,
          updatedAt: created,
          confirmedAt: plan.status === "draft" ? null : at(1),
          deliveredAt: plan.status === "delivered" ? at(doneAfter) : null,
          cancelledAt: plan.status === "cancelled" ? at(30) : null,
          promisedAt: at(plan.promisedAfterDays * 24),
        })
        .where(eq(orders.id, id));
      const payments = await tx
        .select({ id: orderPayments.id, kind: orderPayments.kind })
        .from(orderPayments)
        .where(eq(orderPayments.orderId, id));
      for (const p of payments) {
        const when = p.kind === "deposit" ? at(0.5) : p.kind === "refund" ? at(30) : at(doneAfter);
        await tx.update(orderPayments).set({ createdAt: when }).where(eq(orderPayments.id, p.id));
      }
    }
  });
}
