import { type Executor, orderLines, orders, productionOrders, users } from "@fotostudio/db";
import { and, eq, ne } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { nextNumber } from "../../../shared/numbering.js";
import { addDays, startOfDay, studioZone } from "../../../shared/studio-days.js";
import type { ProductionOrder } from "../output.schema.js";
import type {
  CreateProductionOrderInput,
  ProductionOrderChanges,
  ReplaceProductionOrderInput,
} from "../production.schema.js";
import { checkMaterials, deriveNeeds, fromInput, type Need, writeComponents } from "./components.js";
import { getProductionRow, loadProductionOrder } from "./views.js";

/** Who calls: for created_by, and whether costs show. */
export interface Caller {
  userId: number;
  permissions: ReadonlySet<string>;
}
export const seesCosts = (caller: Caller) => caller.permissions.has("costs:read");

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path, message, code: "custom" }] });

/** Production is for work a client bought: an order confirmed or already in production. */
const WORKABLE = new Set(["confirmed", "in_production"]);

async function checkAssignee(db: Executor, id: number | null | undefined): Promise<void> {
  if (id == null) return;
  const [user] = await db.select({ active: users.isActive }).from(users).where(eq(users.id, id)).limit(1);
  if (!user?.active) throw invalid("assigneeId", `User ${id} is not an active user of this studio`);
}

/** A due day lasts until its end in the studio's zone; an instant stays as it is. */
async function dueInstant(db: Executor, value: string | Date | null | undefined): Promise<Date | null | undefined> {
  if (typeof value !== "string") return value;
  return new Date(+startOfDay(addDays(value, 1), await studioZone(db)) - 1);
}

/** The order and line a new production order is for, checked; the line's needs when it has any. */
async function linksOf(db: Executor, input: CreateProductionOrderInput) {
  let orderId = input.orderId ?? null;
  let needs: Need[] = [];
  if (input.orderLineId !== undefined) {
    const [line] = await db.select().from(orderLines).where(eq(orderLines.id, input.orderLineId)).limit(1);
    if (!line) throw invalid("orderLineId", `Order line ${input.orderLineId} does not exist`);
    if (orderId !== null && orderId !== line.orderId) {
      throw invalid("orderId", `Order line ${line.id} belongs to order ${line.orderId}, not ${orderId}`);
    }
    orderId = line.orderId;
    needs = deriveNeeds(line);
    const [open] = await db
      .select({ number: productionOrders.number })
      .from(productionOrders)
      .where(and(eq(productionOrders.orderLineId, line.id), ne(productionOrders.status, "cancelled")))
      .limit(1);
    if (open) throw new AppError("CONFLICT", `Order line ${line.id} is already made by ${open.number}`);
  }
  if (orderId !== null) {
    const [order] = await db
      .select({ number: orders.number, status: orders.status })
      .from(orders)
      .where(eq(orders.id, orderId))
      .limit(1);
    if (!order) throw invalid("orderId", `Order ${orderId} does not exist`);
    if (!WORKABLE.has(order.status)) {
      throw new AppError(
        "BUSINESS_RULE",
        `Order ${order.number} is ${order.status}: production is for confirmed orders (a quote moves no stock)`,
      );
    }
  }
  return { orderId, orderLineId: input.orderLineId ?? null, needs };
}

export async function createProductionOrder(
  db: Executor,
  caller: Caller,
  input: CreateProductionOrderInput,
): Promise<Updated<ProductionOrder>> {
  const links = await linksOf(db, input);
  const needs = input.components ? fromInput(input.components) : links.needs;
  await checkMaterials(db, needs, !input.components);
  await checkAssignee(db, input.assigneeId);
  const dueAt = await dueInstant(db, input.dueAt);
  // Numbered last: the counter's lock is held from here to the commit, so keep that short.
  const { number } = await nextNumber(db, "production");
  const [created] = await db
    .insert(productionOrders)
    .values({
      number,
      orderId: links.orderId,
      orderLineId: links.orderLineId,
      type: input.type,
      priority: input.priority,
      assigneeId: input.assigneeId ?? null,
      dueAt: dueAt ?? null,
      notes: input.notes ?? null,
      createdBy: caller.userId,
    })
    .$returningId();
  if (!created) throw new Error("insert returned no id");
  await writeComponents(db, created.id, needs);
  return { before: null, after: await loadProductionOrder(db, created.id, seesCosts(caller)) };
}

/**
 * PUT and PATCH: everything, components included, changes only while draft (409 otherwise):
 * once confirmed, stock is reserved for exactly what it says.
 */
export async function updateProductionOrder(
  db: Executor,
  caller: Caller,
  id: number,
  changes: ProductionOrderChanges,
  opts: { rederive?: boolean } = {},
): Promise<Updated<ProductionOrder>> {
  const row = await getProductionRow(db, id, { lock: true });
  const costs = seesCosts(caller);
  const before = await loadProductionOrder(db, id, costs);
  if (row.status !== "draft") {
    throw new AppError(
      "ILLEGAL_TRANSITION",
      `Production order ${row.number} is ${row.status}: it changes only as a draft`,
    );
  }
  const { type, priority, assigneeId, dueAt, notes, components } = changes;
  if (assigneeId !== undefined) await checkAssignee(db, assigneeId);
  const set: Partial<typeof productionOrders.$inferInsert> = {
    ...(type !== undefined && { type }),
    ...(priority !== undefined && { priority }),
    ...(assigneeId !== undefined && { assigneeId }),
    ...(dueAt !== undefined && { dueAt: (await dueInstant(db, dueAt)) ?? null }),
    ...(notes !== undefined && { notes }),
  };
  if (Object.keys(set).length) await db.update(productionOrders).set(set).where(eq(productionOrders.id, id));
  if (components !== undefined) {
    const needs = fromInput(components);
    await checkMaterials(db, needs, false);
    await writeComponents(db, id, needs);
  } else if (opts.rederive) {
    const [line] = row.orderLineId
      ? await db.select().from(orderLines).where(eq(orderLines.id, row.orderLineId)).limit(1)
      : [];
    await writeComponents(db, id, line ? deriveNeeds(line) : []);
  }
  return { before, after: await loadProductionOrder(db, id, costs) };
}

/** PUT: the whole editable record; what it leaves out becomes empty or its default. */
export const replaceProductionOrder = (db: Executor, caller: Caller, { id, ...input }: ReplaceProductionOrderInput) =>
  updateProductionOrder(
    db,
    caller,
    id,
    {
      ...input,
      assigneeId: input.assigneeId ?? null,
      dueAt: input.dueAt ?? null,
      notes: input.notes ?? null,
    },
    { rederive: input.components === undefined },
  );
