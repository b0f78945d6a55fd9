import { clients, contractPayments, contracts, type Executor } from "@fotostudio/db";
import { and, asc, eq, gte, inArray, isNull, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { signedAmount } from "../../../shared/payments.js";
import type { Period } from "../../../shared/periods.js";
import { cents } from "../financial/facts.js";
import { COUNTED_STATUSES } from "./contracts.schema.js";

/**
 * The period's contracts: signed (not a draft), in force at some point of it — their validity
 * overlaps the period's days and they were not rescinded before its first instant.
 */
export const inForce = (p: Period): SQL =>
  and(
    inArray(contracts.status, [...COUNTED_STATUSES]),
    lte(contracts.validFrom, p.to),
    gte(contracts.validTo, p.from),
    or(isNull(contracts.rescindedAt), gte(contracts.rescindedAt, p.start)),
  ) as SQL;

/** What each contract had been paid before an instant (refunds subtracted), as a derived table. */
const paidBefore = (db: Executor, asOf: Date) =>
  db
    .select({
      contractId: contractPayments.contractId,
      paid: sql<string>`sum(${signedAmount(contractPayments.kind, contractPayments.amount)})`.as("paid"),
    })
    .from(contractPayments)
    .where(lt(contractPayments.createdAt, asOf))
    .groupBy(contractPayments.contractId)
    .as("paid");

/** The period's contracts with their school and what was paid by `asOf`, soonest end first. */
export async function contractsIn(db: Executor, p: Period, asOf: Date) {
  const paid = paidBefore(db, asOf);
  const rows = await db
    .select({
      id: contracts.id,
      title: contracts.title,
      schoolId: contracts.schoolId,
      schoolName: clients.name,
      type: contracts.type,
      status: contracts.status,
      validFrom: contracts.validFrom,
      validTo: contracts.validTo,
      value: contracts.value,
      paid: sql<string>`coalesce(${paid.paid}, 0)`,
    })
    .from(contracts)
    .leftJoin(clients, eq(clients.id, contracts.schoolId))
    .leftJoin(paid, eq(paid.contractId, contracts.id))
    .where(inForce(p))
    .orderBy(asc(contracts.validTo), asc(contracts.id));
  return rows.map((r) => ({
    ...r,
    status: r.status as (typeof COUNTED_STATUSES)[number],
    valueCents: cents(r.value),
    paidCents: cents(r.paid),
  }));
}

/** Count, Σ value and Σ paid by `asOf` of the period's contracts, per state (every counted state). */
export async function contractsByStatus(db: Executor, p: Period, asOf: Date) {
  const paid = paidBefore(db, asOf);
  const rows = await db
    .select({
      status: contracts.status,
      count: sql<number>`count(*)`,
      value: sql<string>`coalesce(sum(${contracts.value}), 0)`,
      paid: sql<string>`coalesce(sum(${paid.paid}), 0)`,
    })
    .from(contracts)
    .leftJoin(paid, eq(paid.contractId, contracts.id))
    .where(inForce(p))
    .groupBy(contracts.status);
  const found = new Map(rows.map((r) => [r.status, r]));
  return COUNTED_STATUSES.map((status) => {
    const r = found.get(status);
    return { status, count: Number(r?.count ?? 0), valueCents: cents(r?.value), paidCents: cents(r?.paid) };
  });
}
