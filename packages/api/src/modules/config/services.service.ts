import { type Executor, orderLines, orders, type ServiceRow, services } from "@fotostudio/db";
import { and, count, eq, ne } from "drizzle-orm";
import { AppError } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { formatCents, parseCents } from "../../shared/fields.js";
import { listPage, type Page } from "../../shared/list.js";
import {
  type CreateServiceInput,
  type ListServicesInput,
  type PatchServiceInput,
  type Service,
  serviceSort,
} from "./services.schema.js";

type ServiceChanges = Omit<PatchServiceInput, "id">;

/** The service as the API shows it: the price as a decimal string with two decimals. */
export function toService(row: ServiceRow): Service {
  return { ...row, basePrice: formatCents(parseCents(row.basePrice) as number) };
}

export function listServices(db: Executor, input: ListServicesInput): Promise<Page<ServiceRow>> {
  return listPage(
    { rows: db.select().from(services).$dynamic(), count: db.select({ n: count() }).from(services).$dynamic() },
    input,
    {
      sort: serviceSort,
      tiebreak: services.id,
      search: [services.name, services.description],
      filters: [input.active !== undefined && eq(services.active, input.active)],
    },
  );
}

/** The service, or 404; `lock` takes its row lock for the rest of the transaction. */
export async function getService(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<ServiceRow> {
  const query = db.select().from(services).where(eq(services.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Service ${id} not found`);
  return row;
}

/** Names are unique in the studio (the unique index has the last word when two requests race). */
async function assertNameFree(db: Executor, name: string, except?: number): Promise<void> {
  const [taken] = await db
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.name, name), except === undefined ? undefined : ne(services.id, except)))
    .limit(1);
  if (taken) {
    throw new AppError("CONFLICT", `A service named "${name}" already exists`, {
      issues: [{ path: "name", message: "Taken", code: "taken" }],
    });
  }
}

const columns = ({ basePrice, ...rest }: ServiceChanges) => ({
  ...rest,
  ...(basePrice !== undefined && { basePrice: formatCents(basePrice) }),
});

export async function createService(db: Executor, input: CreateServiceInput): Promise<Updated<ServiceRow>> {
  await assertNameFree(db, input.name);
  const [result] = await db
    .insert(services)
    .values({ ...columns(input), name: input.name })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  return { before: null, after: await getService(db, result.id) };
}

export async function updateService(db: Executor, id: number, changes: ServiceChanges): Promise<Updated<ServiceRow>> {
  const before = await getService(db, id, { lock: true });
  if (Object.keys(changes).length === 0) return { before, after: before };
  if (changes.name !== undefined) await assertNameFree(db, changes.name, id);
  await db.update(services).set(columns(changes)).where(eq(services.id, id));
  return { before, after: await getService(db, id) };
}

/** A service an order (or one of its lines) names stays: deactivate it instead (409). */
export async function deleteService(db: Executor, id: number): Promise<Change<ServiceRow>> {
  const before = await getService(db, id, { lock: true });
  const [[onOrder], [onLine]] = await Promise.all([
    db.select({ id: orders.id }).from(orders).where(eq(orders.serviceId, id)).limit(1),
    db.select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.serviceId, id)).limit(1),
  ]);
  if (onOrder || onLine) {
    throw new AppError("CONFLICT", `Service ${id} is used by orders: deactivate it instead (active: false)`);
  }
  await db.delete(services).where(eq(services.id, id));
  return { before, after: null };
}
