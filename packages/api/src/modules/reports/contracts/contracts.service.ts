import type { Executor } from "@fotostudio/db";
import { formatCents } from "../../../shared/fields.js";
import { type PeriodInput, percentOf, periodView, resolvePeriod } from "../../../shared/periods.js";
import { studioZone } from "../../../shared/studio-days.js";
import { readSettings } from "../../config/settings.service.js";
import { expiringContracts } from "../../contracts/service/expiring.js";
import type { ContractsReport } from "./contracts.schema.js";
import { contractsByStatus, contractsIn } from "./facts.js";

const EXPIRING_SHOWN = 10;

const account = (valueCents: number, paidCents: number) => ({
  value: formatCents(valueCents),
  paid: formatCents(paidCents),
  balance: formatCents(valueCents - paidCents),
});

/**
 * The school contracts of a period: the signed ones in force in it, their value, what they had
 * been paid by the period's end (or now) and the balance, by state and one by one; and the
 * contracts expiring from today by the contracts module's own rule (the dashboard's). A fixed
 * number of statements whatever the data.
 */
export async function contractsReport(
  db: Executor,
  input: PeriodInput,
  opts: { now?: Date } = {},
): Promise<ContractsReport> {
  const now = opts.now ?? new Date();
  const p = resolvePeriod(input, await studioZone(db), now);
  const asOf = new Date(Math.min(+p.end, +now));
  const [rows, byStatus, { days, expiring }] = await Promise.all([
    contractsIn(db, p, asOf),
    contractsByStatus(db, p, asOf),
    readSettings(db, "alerts").then(async ({ expiringContractDays: days }) => ({
      days,
      expiring: await expiringContracts(db, { page: 1, pageSize: EXPIRING_SHOWN, days }),
    })),
  ]);
  const valueCents = byStatus.reduce((sum, s) => sum + s.valueCents, 0);
  const paidCents = byStatus.reduce((sum, s) => sum + s.paidCents, 0);
  return {
    period: periodView(p),
    totals: {
      count: byStatus.reduce((n, s) => n + s.count, 0),
      ...account(valueCents, paidCents),
      paidPercent: percentOf(paidCents, valueCents),
    },
    byStatus: byStatus.map((s) => ({ status: s.status, count: s.count, ...account(s.valueCents, s.paidCents) })),
    expiring: {
      days,
      count: expiring.count,
      first: expiring.results.map((c) => ({
        id: c.id,
        title: c.title,
        schoolName: c.schoolName,
        validTo: c.validTo,
      })),
    },
    contracts: rows.map((r) => ({
      id: r.id,
      title: r.title,
      schoolId: r.schoolId,
      schoolName: r.schoolName,
      type: r.type,
      status: r.status,
      validFrom: r.validFrom,
      validTo: r.validTo,
      ...account(r.valueCents, r.paidCents),
      paidPercent: percentOf(r.paidCents, r.valueCents),
    })),
  };
}
