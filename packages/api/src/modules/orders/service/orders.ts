import { clients, type Executor, type OrderRow, orderLines, orderPayments, orders, services } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Change, Updated } from "../../../shared/changes.js";
import { formatCents, formatQuantity, parseCents } from "../../../shared/fields.js";
import { addDays, startOfDay, todayIn, yearIn } from "../../../shared/studio-days.js";
import type { SystemSettings } from "../../config/settings.schema.js";
import { readSettings } from "../../config/settings.service.js";
import type { CreateOrderInput, OrderChanges } from "../orders.schema.js";
import type { Order } from "../output.schema.js";
import { contractFor, resolveLines, savedLine } from "./lines.js";
import { nextOrderNumber } from "./numbering.js";
import { type Caller, type PricedOrder, priceOrder } from "./pricing.js";
import { seesCosts } from "./quote.js";
import { getOrderRow, linesOf, loadOrder, paidOf } from "./views.js";

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path, message, code: "custom" }] });

async function checkClient(db: Executor, id: number): Promise<void> {
  const [row] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, id)).limit(1);
  if (!row) throw invalid("clientId", `Client ${id} does not exist`);
}

async function checkService(db: Executor, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const [row] = await db.select({ active: services.active }).from(services).where(eq(services.id, id)).limit(1);
  if (!row?.active) throw invalid("serviceId", `Service ${id} is not an active service of the catalog`);
}

/** The order's money columns from its priced lines. */
const totalsColumns = (priced: PricedOrder) => ({
  currency: priced.currency,
  pricesIncludeTax: priced.pricesIncludeTax,
  discount: formatCents(priced.discountCents),
  subtotal: formatCents(priced.subtotalCents),
  tax: formatCents(priced.taxCents),
  total: formatCents(priced.totalCents),
});

async function writeLines(db: Executor, orderId: number, priced: PricedOrder): Promise<void> {
  await db.delete(orderLines).where(eq(orderLines.orderId, orderId));
  await db.insert(orderLines).values(
    priced.lines.map((l, i) => ({
      orderId,
      position: i + 1,
      kind: l.kind,
      description: l.description,
      serviceId: l.serviceId,
      materialId: l.materialId,
      packageId: l.packageId,
      quantity: formatQuantity(l.quantity),
      unitPrice: formatCents(l.unitPriceCents),
      discount: formatCents(l.discountCents),
      taxRate: l.taxRate,
      amount: formatCents(l.totals.amountCents),
      discountShare: formatCents(l.totals.discountShareCents),
      tax: formatCents(l.totals.taxCents),
      total: formatCents(l.totals.totalCents),
      cost: formatCents(l.costCents),
      frame: l.frame,
    })),
  );
}

/** A promised day lasts until its end in the studio's zone; an instant stays as it is. */
function promisedInstant(value: string | Date | null | undefined, zone: string): Date | null | undefined {
  if (typeof value !== "string") return value;
  return new Date(+startOfDay(addDays(value, 1), zone) - 1);
}

/** Header fields as columns: only those sent; a promised day becomes the end of that day in the studio's zone. */
function headerColumns(changes: OrderChanges, system: SystemSettings) {
  const { priority, promisedAt, level, grade, section, notes } = changes;
  return {
    ...(priority !== undefined && { priority }),
    ...(promisedAt !== undefined && { promisedAt: promisedInstant(promisedAt, system.timeZone) }),
    ...(level !== undefined && { level }),
    ...(grade !== undefined && { grade }),
    ...(section !== undefined && { section }),
    ...(notes !== undefined && { notes }),
  };
}

export async function createOrder(db: Executor, caller: Caller, input: CreateOrderInput): Promise<Updated<Order>> {
  const system = await readSettings(db, "system");
  await checkClient(db, input.clientId);
  await checkService(db, input.serviceId);
  const contract = await contractFor(db, input, todayIn(system.timeZone));
  const lines = await resolveLines(db, input.lines, system, contract?.packages ?? null);
  const priced = priceOrder(lines, input.discount ?? 0, system, caller, true);
  // Numbered last: the counter's lock is held from here to the commit, so keep that short.
  const { number, year, sequence } = await nextOrderNumber(db, system.orderNumberPrefix, yearIn(system.timeZone));
  const student = contract?.student;
  const [created] = await db
    .insert(orders)
    .values({
      number,
      year,
      sequence,
      clientId: input.clientId,
      serviceId: input.serviceId ?? null,
      contractId: input.contractId ?? null,
      studentId: input.studentId ?? null,
      // A student's order is for the student's class unless it says otherwise.
      level: student?.level ?? null,
      grade: student?.grade ?? null,
      section: student?.section ?? null,
      ...headerColumns(input, system),
      ...totalsColumns(priced),
      createdBy: caller.userId,
    })
    .$returningId();
  if (!created) throw new Error("insert returned no id");
  await writeLines(db, created.id, priced);
  return { before: null, after: await loadOrder(db, created.id, seesCosts(caller)) };
}

const CLOSED = new Set<OrderRow["status"]>(["delivered", "cancelled"]);

/** What a change touches beyond the header: the price or who and what the order is for. */
function pricedChange(row: OrderRow, changes: OrderChanges): boolean {
  const differs = <K extends "clientId" | "serviceId" | "contractId" | "studentId">(key: K) =>
    changes[key] !== undefined && changes[key] !== row[key];
  return (
    changes.lines !== undefined ||
    (changes.discount !== undefined && formatCents(changes.discount) !== row.discount) ||
    differs("clientId") ||
    differs("serviceId") ||
    differs("contractId") ||
    differs("studentId")
  );
}

/**
 * PUT and PATCH. Header fields (priority, promised date, class, notes) change until the order is
 * delivered or cancelled; lines, discount, client, service and contract only while it is a draft
 * (409 otherwise). Totals are recomputed whenever the price can change; saved lines keep their prices.
 */
export async function updateOrder(
  db: Executor,
  caller: Caller,
  id: number,
  changes: OrderChanges,
): Promise<Updated<Order>> {
  const row = await getOrderRow(db, id, { lock: true });
  const costs = seesCosts(caller);
  const before = await loadOrder(db, id, costs);
  if (CLOSED.has(row.status)) {
    throw new AppError("ILLEGAL_TRANSITION", `Order ${row.number} is ${row.status} and can no longer change`);
  }
  const system = await readSettings(db, "system");
  const set: Partial<typeof orders.$inferInsert> = headerColumns(changes, system);
  if (pricedChange(row, changes)) {
    if (row.status !== "draft") {
      throw new AppError(
        "ILLEGAL_TRANSITION",
        `Order ${row.number} is ${row.status}: lines, discount, client, service and contract change only on a draft`,
      );
    }
    if (changes.clientId !== undefined) await checkClient(db, changes.clientId);
    if (changes.serviceId !== undefined && changes.serviceId !== row.serviceId)
      await checkService(db, changes.serviceId);
    const contractId = changes.contractId !== undefined ? changes.contractId : row.contractId;
    const studentId = changes.studentId !== undefined ? changes.studentId : row.studentId;
    const contract = await contractFor(db, { contractId, studentId }, todayIn(system.timeZone));
    const lines = changes.lines
      ? await resolveLines(db, changes.lines, system, contract?.packages ?? null)
      : (await linesOf(db, id)).map(savedLine);
    const discount = changes.discount ?? (parseCents(row.discount) as number);
    const priced = priceOrder(lines, discount, system, caller, changes.discount !== undefined);
    const paid = await paidOf(db, id);
    if (paid > priced.totalCents) {
      throw new AppError(
        "OVERPAYMENT",
        `${formatCents(paid)} was already paid; the total cannot go below it (refund first)`,
      );
    }
    await writeLines(db, id, priced);
    Object.assign(set, totalsColumns(priced), {
      ...(changes.clientId !== undefined && { clientId: changes.clientId }),
      ...(changes.serviceId !== undefined && { serviceId: changes.serviceId }),
      contractId,
      studentId,
    });
  }
  if (Object.keys(set).length) await db.update(orders).set(set).where(eq(orders.id, id));
  return { before, after: await loadOrder(db, id, costs) };
}

/** PUT: the whole order; what it leaves out becomes empty or its default. */
export const replaceOrder = (db: Executor, caller: Caller, id: number, input: CreateOrderInput) =>
  updateOrder(db, caller, id, {
    serviceId: null,
    contractId: null,
    studentId: null,
    discount: 0,
    priority: "normal",
    promisedAt: null,
    level: null,
    grade: null,
    section: null,
    notes: null,
    ...input,
  });

/** Only a draft (a quote) can be deleted, and only one nobody paid on: payments are never deleted. */
export async function deleteOrder(db: Executor, caller: Caller, id: number): Promise<Change<Order>> {
  const row = await getOrderRow(db, id, { lock: true });
  if (row.status !== "draft") {
    throw new AppError(
      "ILLEGAL_TRANSITION",
      `Order ${row.number} is ${row.status}: only drafts can be deleted (cancel it)`,
    );
  }
  const [payment] = await db
    .select({ id: orderPayments.id })
    .from(orderPayments)
    .where(eq(orderPayments.orderId, id))
    .limit(1);
  if (payment) {
    throw new AppError("BUSINESS_RULE", `Order ${row.number} has payments, which are never deleted: cancel it instead`);
  }
  const before = await loadOrder(db, id, seesCosts(caller));
  await db.delete(orderLines).where(eq(orderLines.orderId, id));
  await db.delete(orders).where(eq(orders.id, id));
  return { before, after: null };
}
