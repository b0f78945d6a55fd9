import type { Executor } from "@fotostudio/db";
import { formatCents } from "../../../shared/fields.js";
import {
  changePercent,
  fillSeries,
  type Period,
  periodView,
  previousPeriod,
  resolvePeriod,
} from "../../../shared/periods.js";
import { studioToday, studioZone } from "../../../shared/studio-days.js";
import { clientFacts, clientSeries } from "../../metrics/facts/clients.js";
import { deliveryFacts, deliverySeries } from "../../metrics/facts/deliveries.js";
import { revenueSeries, salesTotals } from "../../reports/financial/facts.js";
import type { SectionInput } from "../dashboard.schema.js";
import { orderPipeline } from "./pipeline.js";

// The dashboard's chart sections: a period (the month by default) and its series, every bucket
// present (zero-filled), `[{ period, value }]` as chart libraries take them. Same facts as the
// summary and the reports, so a number here is the number there.

async function periodOf(db: Executor, input: SectionInput, now: Date): Promise<Period> {
  return resolvePeriod(input, await studioZone(db), now);
}

export async function revenueSection(db: Executor, input: SectionInput, now = new Date()) {
  const p = await periodOf(db, input, now);
  const [sales, previous, series] = await Promise.all([
    salesTotals(db, p),
    salesTotals(db, previousPeriod(p)),
    revenueSeries(db, p, input.groupBy),
  ]);
  return {
    period: periodView(p),
    total: formatCents(sales.revenueCents),
    previous: formatCents(previous.revenueCents),
    changePercent: changePercent(sales.revenueCents, previous.revenueCents),
    averageTicket: formatCents(sales.averageTicketCents),
    series: series.map((s) => ({ period: s.period, value: formatCents(s.cents) })),
  };
}

export async function ordersSection(db: Executor, input: SectionInput, now = new Date()) {
  const p = await periodOf(db, input, now);
  const [sales, delivered, series, deliveries, pipeline] = await Promise.all([
    salesTotals(db, p),
    deliveryFacts(db, p),
    revenueSeries(db, p, input.groupBy),
    deliverySeries(db, p, input.groupBy),
    studioToday(db, now).then((today) => orderPipeline(db, now, today, p.zone)),
  ]);
  return {
    period: periodView(p),
    sold: sales.ordersCount,
    delivered: delivered.delivered,
    pendingOrders: pipeline.pending,
    lateOrders: pipeline.late,
    series: series.map((s) => ({ period: s.period, value: s.orders })),
    deliveredSeries: fillSeries(p, input.groupBy, new Map([...deliveries].map(([k, v]) => [k, v.delivered])), 0),
  };
}

export async function clientsSection(db: Executor, input: SectionInput, now = new Date()) {
  const p = await periodOf(db, input, now);
  const [facts, series] = await Promise.all([clientFacts(db, p), clientSeries(db, p, input.groupBy)]);
  const zero = { active: 0, new: 0 };
  const filled = fillSeries(p, input.groupBy, series, zero);
  return {
    period: periodView(p),
    active: facts.active,
    new: facts.new,
    returning: facts.active - facts.new,
    series: filled.map(({ period, value }) => ({ period, value: value.active })),
    newSeries: filled.map(({ period, value }) => ({ period, value: value.new })),
  };
}
