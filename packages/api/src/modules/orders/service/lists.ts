import { clients, type Executor, orderPayments, orders } from "@fotostudio/db";
import { and, count, eq, gte, inArray, isNull, like, lt, not, notInArray, or, type SQL, sql } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatCents, parseCents } from "../../../shared/fields.js";
import { likePattern, listPage, type Page } from "../../../shared/list.js";
import { signedAmount } from "../../../shared/payments.js";
import { addDays, startOfDay } from "../../../shared/studio-days.js";
import { readSettings } from "../../config/settings.service.js";
import type { ClientOrdersInput, ListOrdersInput } from "../list.schema.js";
import { orderSort } from "../list.schema.js";
import type { ClientOrders, OrderSummary } from "../output.schema.js";
import { summaryQuery, toSummary } from "./views.js";

type ListInput = Omit<ListOrdersInput, "status"> & { status?: ListOrdersInput["status"]; q?: string };

const CLOSED = ["delivered", "cancelled"] as const;
const SALES_EXCLUDED = ["draft", "cancelled"] as const;

/** Late (atrasado), derived: the promised instant passed and the order is still open. */
const lateAt = (now: Date) => and(lt(orders.promisedAt, now), notInArray(orders.status, [...CLOSED])) as SQL;

/** Number, client name and document by substring; the phone by its digits, however it was typed. */
function matching(term: string): SQL {
  const pattern = likePattern(term);
  const digits = term.replace(/\D/g, "");
  const phoneDigits = sql`replace(replace(replace(replace(replace(${clients.phone}, ' ', ''), '-', ''), '(', ''), ')', ''), '+', '')`;
  return or(
    like(orders.number, pattern),
    like(clients.name, pattern),
    like(clients.taxId, pattern),
    like(clients.phone, pattern),
    ...(digits.length >= 3 ? [like(phoneDigits, likePattern(digits))] : []),
  ) as SQL;
}

function filters(input: ListInput, zone: string, now: Date): (SQL | undefined)[] {
  const term = input.q ?? input.search;
  return [
    input.status ? eq(orders.status, input.status) : undefined,
    input.clientId ? eq(orders.clientId, input.clientId) : undefined,
    input.serviceId ? eq(orders.serviceId, input.serviceId) : undefined,
    input.contractId ? eq(orders.contractId, input.contractId) : undefined,
    input.late === true ? lateAt(now) : undefined,
    input.late === false ? (or(isNull(orders.promisedAt), not(lateAt(now))) as SQL) : undefined,
    input.from ? gte(orders.createdAt, startOfDay(input.from, zone)) : undefined,
    input.to ? lt(orders.createdAt, startOfDay(addDays(input.to, 1), zone)) : undefined,
    term ? matching(term) : undefined,
  ];
}

/** Orders with their client's name and what was paid; filters of the list, search and status lists. */
export async function listOrders(db: Executor, input: ListInput): Promise<Page<OrderSummary>> {
  const now = new Date();
  const zone = (await readSettings(db, "system")).timeZone;
  const where = filters(input, zone, now);
  const unfiltered = where.every((f) => !f);
  const page = await listPage(
    () => ({
      rows: summaryQuery(db, { byCreation: unfiltered && /^-?createdAt$/.test(input.ordering) }),
      count: db.select({ n: count() }).from(orders).innerJoin(clients, eq(clients.id, orders.clientId)).$dynamic(),
    }),
    { page: input.page, pageSize: input.pageSize, ordering: input.ordering },
    { sort: orderSort, tiebreak: orders.id, filters: where, prepare: { db, key: "orders.list" } },
  );
  return { ...page, results: page.results.map((row) => toSummary(row, now)) };
}

const cents = (v: unknown) => parseCents(String(v ?? "0")) as number;

/** A client's history: their orders (paginated like the list) and totals over all of them, counted as the clients list counts (client-stats.ts). */
export async function clientOrders(db: Executor, input: ClientOrdersInput): Promise<ClientOrders> {
  const [client] = await db.select({ id: clients.id }).from(clients).where(eq(clients.id, input.id)).limit(1);
  if (!client) throw new AppError("NOT_FOUND", `Client ${input.id} not found`);
  const { id, ...rest } = input;
  const sale = notInArray(orders.status, [...SALES_EXCLUDED]);
  const [page, [sums], [payments]] = await Promise.all([
    listOrders(db, { ...rest, clientId: id }),
    db
      .select({
        ordersCount: sql<string>`coalesce(sum(case when ${sale} then 1 else 0 end), 0)`,
        quotesCount: sql<string>`coalesce(sum(case when ${orders.status} = 'draft' then 1 else 0 end), 0)`,
        totalSpent: sql<string>`coalesce(sum(case when ${sale} then ${orders.total} else 0 end), 0)`,
        lastOrderAt: sql<Date | null>`max(case when ${sale} then ${orders.createdAt} end)`.mapWith(orders.createdAt),
      })
      .from(orders)
      .where(eq(orders.clientId, id)),
    db
      .select({ paid: sql<string>`coalesce(sum(${signedAmount(orderPayments.kind, orderPayments.amount)}), 0)` })
      .from(orderPayments)
      .innerJoin(orders, eq(orders.id, orderPayments.orderId))
      .where(
        and(eq(orders.clientId, id), inArray(orders.status, ["confirmed", "in_production", "ready", "delivered"])),
      ),
  ]);
  const spent = cents(sums?.totalSpent);
  const paid = cents(payments?.paid);
  return {
    ...page,
    totals: {
      ordersCount: Number(sums?.ordersCount ?? 0),
      quotesCount: Number(sums?.quotesCount ?? 0),
      totalSpent: formatCents(spent),
      paid: formatCents(paid),
      balanceDue: formatCents(spent - paid),
      lastOrderAt: sums?.lastOrderAt ?? null,
    },
  };
}
