import type { FieldPacket } from "mysql2/promise";
import { formatCents, parseCents } from "./money.js";

/**
 * The floor's JSON: from the rows of the captured statements to the page `orders.list` answers,
 * field for field as the app's OrderSummary (packages/api/src/modules/orders/service/views.ts
 * `toSummary`, output.schema.ts). main.ts proves the result deep-equal to REST's and tRPC's page,
 * so a drift in this mapping fails the run before anything is measured.
 */

export type Cell = unknown;
export interface StatementResult {
  text: string;
  rows: Cell[][];
  fields: FieldPacket[];
}

const PAGE = /\bfrom\s+`orders`/i;
const LIMIT = /\blimit\s+(\d+)(?:\s+offset\s+(\d+))?/i;
const COUNT = /^\s*select\s+count\(/i;

/** Is this statement a page of orders (its limit and offset inlined), and which one? */
export function pageOf(text: string): { limit: number; offset: number } | undefined {
  if (COUNT.test(text) || !PAGE.test(text)) return undefined;
  const match = LIMIT.exec(text);
  return match ? { limit: Number(match[1]), offset: Number(match[2] ?? 0) } : undefined;
}

export const isCount = (text: string) => COUNT.test(text) && PAGE.test(text);

/**
 * Every page the request asked for, in page order: the rows of each page statement, the count
 * from the count statement when the app sent one, otherwise known from a short page (as
 * packages/api/src/shared/list.ts decides).
 */
export function pagesBody(results: StatementResult[], now: Date): object[] {
  const counted = results.find((r) => isCount(r.text));
  const total = counted ? Number(counted.rows[0]?.[0] ?? 0) : undefined;
  return results
    .flatMap((r) => {
      const page = pageOf(r.text);
      return page ? [{ r, ...page }] : [];
    })
    .sort((a, b) => a.offset - b.offset)
    .map(({ r, limit, offset }) => ({
      count: total ?? offset + r.rows.length,
      page: offset / limit + 1,
      pageSize: limit,
      results: r.rows.map((row) => mapperFor(r)(row, now)),
    }));
}

type Mapper = (row: Cell[], now: Date) => object;
/** One mapper per statement text: its columns never change. */
const mappers = new Map<string, Mapper>();
function mapperFor(r: StatementResult): Mapper {
  let mapper = mappers.get(r.text);
  if (!mapper) {
    mapper = summaryMapper(r.fields);
    mappers.set(r.text, mapper);
  }
  return mapper;
}

/** Column positions by `table.column` (the select has two `name`s), the computed `paid` by having no table. */
function summaryMapper(fields: FieldPacket[]): Mapper {
  const at = new Map<string, number>();
  fields.forEach((f, i) => {
    at.set(f.table ? `${f.table}.${f.orgName || f.name}` : "paid", i);
  });
  const col = (key: string) => {
    const i = at.get(key);
    if (i === undefined) throw new Error(`floor: the page statement has no column ${key}`);
    return i;
  };
  const o = (name: string) => col(`orders.${name}`);
  const ix = {
    id: o("id"),
    number: o("number"),
    status: o("status"),
    clientId: o("client_id"),
    clientName: col("clients.name"),
    serviceId: o("service_id"),
    serviceName: col("services.name"),
    priority: o("priority"),
    promisedAt: o("promised_at"),
    level: o("level"),
    grade: o("grade"),
    section: o("section"),
    contractId: o("contract_id"),
    studentId: o("student_id"),
    notes: o("notes"),
    currency: o("currency"),
    pricesIncludeTax: o("prices_include_tax"),
    subtotal: o("subtotal"),
    discount: o("discount"),
    tax: o("tax"),
    total: o("total"),
    paid: col("paid"),
    confirmedAt: o("confirmed_at"),
    deliveredAt: o("delivered_at"),
    cancelledAt: o("cancelled_at"),
    cancelReason: o("cancel_reason"),
    createdBy: o("created_by"),
    createdAt: o("created_at"),
    updatedAt: o("updated_at"),
  };
  const money = (v: Cell) => formatCents(parseCents(String(v)));
  return (r, now) => {
    const total = parseCents(String(r[ix.total]));
    const paid = parseCents(String(r[ix.paid] ?? "0"));
    const status = r[ix.status] as string;
    const promisedAt = r[ix.promisedAt] as Date | null;
    return {
      id: r[ix.id],
      number: r[ix.number],
      status,
      clientId: r[ix.clientId],
      clientName: r[ix.clientName],
      serviceId: r[ix.serviceId],
      serviceName: r[ix.serviceName],
      priority: r[ix.priority],
      promisedAt,
      level: r[ix.level],
      grade: r[ix.grade],
      section: r[ix.section],
      contractId: r[ix.contractId],
      studentId: r[ix.studentId],
      notes: r[ix.notes],
      currency: r[ix.currency],
      pricesIncludeTax: r[ix.pricesIncludeTax] === 1,
      subtotal: money(r[ix.subtotal]),
      discount: money(r[ix.discount]),
      tax: money(r[ix.tax]),
      total: formatCents(total),
      paid: formatCents(paid),
      balance: formatCents(total - paid),
      paymentStatus: paid <= 0 ? (total === 0 ? "paid" : "unpaid") : paid >= total ? "paid" : "partial",
      late: promisedAt !== null && promisedAt < now && status !== "delivered" && status !== "cancelled",
      confirmedAt: r[ix.confirmedAt],
      deliveredAt: r[ix.deliveredAt],
      cancelledAt: r[ix.cancelledAt],
      cancelReason: r[ix.cancelReason],
      createdBy: r[ix.createdBy],
      createdAt: r[ix.createdAt],
      updatedAt: r[ix.updatedAt],
    };
  };
}
