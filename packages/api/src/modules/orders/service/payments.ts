import { type Executor, type OrderStatus, orderPayments } from "@fotostudio/db";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { formatCents, parseCents } from "../../../shared/fields.js";
import { type CreatePayment, checkPayment, paymentStatusOf } from "../../../shared/payments.js";
import type { Order } from "../output.schema.js";
import type { Caller } from "./pricing.js";
import { seesCosts } from "./quote.js";
import { getOrderRow, loadOrder, paidOf, paymentsOf, toPayment } from "./views.js";

/** Money comes in while the order is open; a refund can also follow a delivery or a cancellation. */
const TAKES_PAYMENTS = new Set<OrderStatus>(["draft", "confirmed", "in_production", "ready"]);

/**
 * Records a deposit, payment or refund (the order row locked, so two cashiers cannot both take the
 * last balance): what was paid never goes above the total, a refund never above what was paid.
 */
export async function addPayment(db: Executor, caller: Caller, input: CreatePayment): Promise<Updated<Order>> {
  const row = await getOrderRow(db, input.id, { lock: true });
  if (input.kind !== "refund" && !TAKES_PAYMENTS.has(row.status)) {
    throw new AppError("ILLEGAL_TRANSITION", `Order ${row.number} is ${row.status}: it takes refunds only`);
  }
  const costs = seesCosts(caller);
  const before = await loadOrder(db, row.id, costs);
  checkPayment(parseCents(row.total) as number, await paidOf(db, row.id), input);
  await db.insert(orderPayments).values({
    orderId: row.id,
    kind: input.kind,
    amount: formatCents(input.amount),
    method: input.method,
    reference: input.reference,
    createdBy: caller.userId,
  });
  return { before, after: await loadOrder(db, row.id, costs) };
}

export async function listPayments(db: Executor, id: number) {
  const row = await getOrderRow(db, id);
  const rows = await paymentsOf(db, id);
  const total = parseCents(row.total) as number;
  const paid = await paidOf(db, id);
  return {
    count: rows.length,
    total: formatCents(total),
    paid: formatCents(paid),
    balance: formatCents(total - paid),
    paymentStatus: paymentStatusOf(total, paid),
    results: rows.map(toPayment),
  };
}
