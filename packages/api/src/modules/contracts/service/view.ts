import {
  type ContractPackageRow,
  type ContractRow,
  clients,
  contractPackages,
  contractPayments,
  contractStudents,
  contracts,
  type Executor,
} from "@fotostudio/db";
import { asc, count, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { formatCents, parseCents } from "../../../shared/fields.js";
import { signedAmount } from "../../../shared/payments.js";
import { daysBetween, studioToday } from "../../../shared/studio-days.js";
import type { Contract } from "../contracts.schema.js";

/** A contract row with its school's name, as the list and the reads select it. */
export type ContractListRow = ContractRow & { schoolName: string | null };

/** The contract columns and the school's name (left join: a deleted client leaves null). */
export const contractWithSchool = (db: Executor) =>
  db
    .select({ ...getTableColumns(contracts), schoolName: clients.name })
    .from(contracts)
    .leftJoin(clients, eq(clients.id, contracts.schoolId));

const cents = (value: string) => parseCents(value) as number;

/** paid / value × 100 with two decimals, half up; "0.00" when the value is 0. */
export function paidPercent(paidCents: number, valueCents: number): string {
  if (valueCents <= 0) return "0.00";
  const hundredths = (BigInt(paidCents) * 20_000n + BigInt(valueCents)) / (2n * BigInt(valueCents));
  return formatCents(Number(hundredths));
}

/** What was paid on each contract (cents), refunds counted against it. */
export async function paidByContract(db: Executor, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      contractId: contractPayments.contractId,
      paid: sql<string>`coalesce(sum(${signedAmount(contractPayments.kind, contractPayments.amount)}), 0)`,
    })
    .from(contractPayments)
    .where(inArray(contractPayments.contractId, ids))
    .groupBy(contractPayments.contractId);
  return new Map(rows.map((r) => [r.contractId, cents(String(r.paid))]));
}

/** The account figures the API shows, from cents. */
export function account(valueCents: number, paid: number) {
  return {
    value: formatCents(valueCents),
    paid: formatCents(paid),
    balance: formatCents(valueCents - paid),
    paidPercent: paidPercent(paid, valueCents),
  };
}

/** The contracts as the API shows them: packages, roster size, account and days left, in a few queries. */
export async function toContracts(db: Executor, rows: ContractListRow[]): Promise<Contract[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [packageRows, counts, paid, today] = await Promise.all([
    db
      .select()
      .from(contractPackages)
      .where(inArray(contractPackages.contractId, ids))
      .orderBy(asc(contractPackages.position), asc(contractPackages.id)),
    db
      .select({ contractId: contractStudents.contractId, n: count() })
      .from(contractStudents)
      .where(inArray(contractStudents.contractId, ids))
      .groupBy(contractStudents.contractId),
    paidByContract(db, ids),
    studioToday(db),
  ]);
  const packagesOf = new Map<number, ContractPackageRow[]>();
  for (const p of packageRows) packagesOf.set(p.contractId, [...(packagesOf.get(p.contractId) ?? []), p]);
  const studentsOf = new Map(counts.map((c) => [c.contractId, c.n]));

  return rows.map((row) => {
    const open = row.status === "draft" || row.status === "active";
    return {
      ...row,
      ...account(cents(row.value), paid.get(row.id) ?? 0),
      commissionPercent: formatCents(cents(row.commissionPercent)),
      expired: open && row.validTo < today,
      daysLeft: open ? daysBetween(today, row.validTo) : null,
      packages: (packagesOf.get(row.id) ?? []).map((p) => ({
        id: p.id,
        name: p.name,
        price: formatCents(cents(p.price)),
        items: p.items,
      })),
      studentsCount: studentsOf.get(row.id) ?? 0,
    };
  });
}

/** One contract as the API shows it. */
export async function toContract(db: Executor, row: ContractRow): Promise<Contract> {
  const [school] = await db.select({ name: clients.name }).from(clients).where(eq(clients.id, row.schoolId));
  const [shown] = await toContracts(db, [{ ...row, schoolName: school?.name ?? null }]);
  return shown as Contract;
}
