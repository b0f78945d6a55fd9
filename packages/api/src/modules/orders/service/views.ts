import {
  clients,
  type Executor,
  type OrderLineRow,
  type OrderPaymentRow,
  type OrderRow,
  orderLines,
  orderPayments,
  orders,
  services,
} from "@fotostudio/db";
import { asc, eq, sql } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatCents, formatQuantity, moneyText, parseCents, parseQuantity } from "../../../shared/fields.js";
import { type Payment, paymentStatusOf, signedAmount } from "../../../shared/payments.js";
import type { FrameOutput, Order, OrderLine, OrderSummary } from "../output.schema.js";

// How orders read: the row with its client's and service's names and what was paid, summed in SQL
// from the payments (never stored), and the API's shapes with costs only for costs:read.

/** Σ signed payments of the order in the outer query, as a decimal string. */
export const paidSql = sql<string>`coalesce((select sum(${signedAmount(orderPayments.kind, orderPayments.amount)}) from ${orderPayments} where ${orderPayments.orderId} = ${orders.id}), 0)`;

export const summaryColumns = { order: orders, clientName: clients.name, serviceName: services.name, paid: paidSql };

export type SummaryRow = { order: OrderRow; clientName: string; serviceName: string | null; paid: string };

/**
 * The orders select with its joins; `.where()` and the list's ordering come after. `byCreation`
 * forces the walk down orders_created_idx: for an unfiltered page ordered by creation MariaDB
 * otherwise starts from the smaller clients table and sorts every order of the studio for each
 * page (temporary table + filesort), where the index gives the page's 20 rows in order.
 */
export const summaryQuery = (db: Executor, opts: { byCreation?: boolean } = {}) =>
  db
    .select(summaryColumns)
    .from(orders, opts.byCreation ? { forceIndex: "orders_created_idx" } : undefined)
    .innerJoin(clients, eq(clients.id, orders.clientId))
    .leftJoin(services, eq(services.id, orders.serviceId))
    .$dynamic();

const cents = (v: string) => parseCents(v) as number;
const OPEN = (status: OrderRow["status"]) => status !== "delivered" && status !== "cancelled";

export const isLate = (order: Pick<OrderRow, "status" | "promisedAt">, now: Date) =>
  order.promisedAt !== null && order.promisedAt < now && OPEN(order.status);

export function toSummary(row: SummaryRow, now = new Date()): OrderSummary {
  const { order } = row;
  const total = cents(order.total);
  const paid = cents(String(row.paid));
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    clientId: order.clientId,
    clientName: row.clientName,
    serviceId: order.serviceId,
    serviceName: row.serviceName,
    priority: order.priority,
    promisedAt: order.promisedAt,
    level: order.level,
    grade: order.grade,
    section: order.section,
    contractId: order.contractId,
    studentId: order.studentId,
    notes: order.notes,
    currency: order.currency,
    pricesIncludeTax: order.pricesIncludeTax,
    subtotal: moneyText(order.subtotal),
    discount: moneyText(order.discount),
    tax: moneyText(order.tax),
    total: moneyText(order.total),
    paid: formatCents(paid),
    balance: formatCents(total - paid),
    paymentStatus: paymentStatusOf(total, paid),
    late: isLate(order, now),
    confirmedAt: order.confirmedAt,
    deliveredAt: order.deliveredAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    createdBy: order.createdBy,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}

/** A frame breakdown as the caller may see it: component and frame costs only with costs:read. */
export function shownFrame(frame: Required<FrameOutput>, costs: boolean): FrameOutput {
  if (costs) return frame;
  const { cost: _cost, components, ...rest } = frame;
  return { ...rest, components: components.map(({ cost: _c, ...c }) => c) };
}

export function toLine(row: OrderLineRow, costs: boolean): OrderLine {
  const money = (v: string) => formatCents(cents(v));
  return {
    id: row.id,
    position: row.position,
    kind: row.kind,
    description: row.description,
    serviceId: row.serviceId,
    materialId: row.materialId,
    packageId: row.packageId,
    quantity: formatQuantity(parseQuantity(row.quantity) as number),
    unitPrice: money(row.unitPrice),
    discount: money(row.discount),
    taxRate: money(row.taxRate),
    amount: money(row.amount),
    discountShare: money(row.discountShare),
    tax: money(row.tax),
    total: money(row.total),
    ...(costs ? { cost: money(row.cost) } : {}),
    frame: row.frame ? shownFrame(row.frame as Required<FrameOutput>, costs) : null,
  };
}

export function toPayment(row: OrderPaymentRow): Payment {
  const { orderId: _order, amount, ...rest } = row;
  return { ...rest, amount: formatCents(cents(amount)) };
}

export const linesOf = (db: Executor, orderId: number) =>
  db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.position));

export const paymentsOf = (db: Executor, orderId: number) =>
  db
    .select()
    .from(orderPayments)
    .where(eq(orderPayments.orderId, orderId))
    .orderBy(asc(orderPayments.createdAt), asc(orderPayments.id));

/** The whole order as the API answers it, or 404. */
export async function loadOrder(db: Executor, id: number, costs: boolean): Promise<Order> {
  const [row] = await summaryQuery(db).where(eq(orders.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Order ${id} not found`);
  const lines = await linesOf(db, id);
  const payments = await paymentsOf(db, id);
  const costCents = lines.reduce((sum, l) => sum + cents(l.cost), 0);
  return {
    ...toSummary(row),
    ...(costs ? { cost: formatCents(costCents) } : {}),
    lines: lines.map((l) => toLine(l, costs)),
    payments: payments.map(toPayment),
  };
}

/** The order row, or 404; `lock` holds its row lock for the rest of the transaction. */
export async function getOrderRow(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<OrderRow> {
  const query = db.select().from(orders).where(eq(orders.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Order ${id} not found`);
  return row;
}

/** What was paid on the order, in cents (read after locking the order, it stays true). */
export async function paidOf(db: Executor, orderId: number): Promise<number> {
  const [row] = await db
    .select({ paid: sql<string>`coalesce(sum(${signedAmount(orderPayments.kind, orderPayments.amount)}), 0)` })
    .from(orderPayments)
    .where(eq(orderPayments.orderId, orderId));
  return cents(String(row?.paid ?? "0"));
}
