import type { Executor } from "@fotostudio/db";
import { formatCents } from "../../../shared/fields.js";
import {
  fillSeries,
  percentOf,
  periodView,
  previousPeriod,
  resolvePeriod,
  type SeriesInput,
} from "../../../shared/periods.js";
import { studioZone } from "../../../shared/studio-days.js";
import { clientFacts, clientSeries } from "../../metrics/facts/clients.js";
import { salesTotals } from "../financial/facts.js";
import type { ClientsReport } from "./clients.schema.js";
import { retentionFacts, topClients } from "./facts.js";

/**
 * The clients report of a period: active, new and returning clients (the metrics' definitions,
 * so the KPIs and the dashboard agree), retention over the previous period, the top clients by
 * revenue and a series of active/new per bucket. A fixed number of statements, run side by side.
 */
export async function clientsReport(
  db: Executor,
  input: SeriesInput,
  opts: { now?: Date } = {},
): Promise<ClientsReport> {
  const p = resolvePeriod(input, await studioZone(db), opts.now ?? new Date());
  const prev = previousPeriod(p);
  const [facts, series, retention, top, sales] = await Promise.all([
    clientFacts(db, p),
    clientSeries(db, p, input.groupBy),
    retentionFacts(db, p, prev),
    topClients(db, p),
    salesTotals(db, p),
  ]);
  return {
    period: periodView(p),
    clients: { active: facts.active, new: facts.new, returning: facts.active - facts.new },
    sales: { revenue: formatCents(sales.revenueCents), ordersCount: sales.ordersCount },
    retention: {
      previous: { from: prev.from, to: prev.to },
      base: retention.base,
      retained: retention.retained,
      percent: percentOf(retention.retained, retention.base),
    },
    topClients: top.map((c) => ({
      clientId: c.clientId,
      name: c.name,
      kind: c.kind,
      ordersCount: c.count,
      revenue: formatCents(c.cents),
      sharePercent: percentOf(c.cents, sales.revenueCents),
      isNew: c.isNew,
    })),
    series: fillSeries(p, input.groupBy, series, { active: 0, new: 0 }).map(({ period, value }) => ({
      period,
      active: value.active,
      new: value.new,
      returning: value.active - value.new,
    })),
  };
}
