import type { Executor } from "@fotostudio/db";
import { formatCents } from "../../../shared/fields.js";
import {
  changePercent,
  percentOf,
  periodView,
  previousPeriod,
  resolvePeriod,
  type SeriesInput,
} from "../../../shared/periods.js";
import { studioZone } from "../../../shared/studio-days.js";
import { paymentsIn, receivables, revenueByService, revenueSeries, salesCostCents, salesTotals } from "./facts.js";
import type { FinancialReport } from "./financial.schema.js";

export const NO_SERVICE = "Sin servicio";

/**
 * The financial report of a period: revenue (total, by service, per bucket), sales count and
 * average ticket, money received by method, receivables aged at the period's end, growth over the
 * previous period and, for roles that see costs, the gross margin. Seven statements, whatever
 * the data (eight with costs), run side by side.
 */
export async function financialReport(
  db: Executor,
  input: SeriesInput,
  opts: { costs: boolean; now?: Date },
): Promise<FinancialReport> {
  const now = opts.now ?? new Date();
  const p = resolvePeriod(input, await studioZone(db), now);
  const prev = previousPeriod(p);
  const asOf = new Date(Math.min(+p.end, +now));
  const [sales, previous, series, byService, payments, owed, cost] = await Promise.all([
    salesTotals(db, p),
    salesTotals(db, prev),
    revenueSeries(db, p, input.groupBy),
    revenueByService(db, p),
    paymentsIn(db, p),
    receivables(db, asOf),
    opts.costs ? salesCostCents(db, p) : Promise.resolve(null),
  ]);
  return {
    period: periodView(p),
    revenue: {
      total: formatCents(sales.revenueCents),
      byService: byService.map((s) => ({
        serviceId: s.serviceId,
        service: s.service ?? NO_SERVICE,
        total: formatCents(s.cents),
        count: s.count,
      })),
      series: series.map((s) => ({ period: s.period, total: formatCents(s.cents), count: s.orders })),
    },
    ordersCount: sales.ordersCount,
    averageTicket: formatCents(sales.averageTicketCents),
    payments: {
      byMethod: payments.byMethod.map((m) => ({ method: m.method, total: formatCents(m.cents) })),
      total: formatCents(payments.netCents),
      deposits: formatCents(payments.depositsCents),
      refunds: formatCents(payments.refundsCents),
    },
    receivables: {
      total: formatCents(owed.totalCents),
      aging: owed.aging.map((a) => ({ bucket: a.bucket, total: formatCents(a.cents), count: a.count })),
    },
    previous: { from: prev.from, to: prev.to, revenue: formatCents(previous.revenueCents) },
    growthPercent: changePercent(sales.revenueCents, previous.revenueCents),
    margin:
      cost === null
        ? null
        : {
            cost: formatCents(cost),
            gross: formatCents(sales.revenueCents - cost),
            percent: percentOf(sales.revenueCents - cost, sales.revenueCents),
          },
  };
}
