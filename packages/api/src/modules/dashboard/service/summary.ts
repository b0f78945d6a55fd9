import { appointments, type Executor, orders } from "@fotostudio/db";
import { and, asc, desc, gte, inArray, lt } from "drizzle-orm";
import { asPercent, formatCents, parseCents } from "../../../shared/fields.js";
import { changePercent, periodView, previousPeriod, resolvePeriod } from "../../../shared/periods.js";
import { dayOf, studioZone } from "../../../shared/studio-days.js";
import { selectAppointments } from "../../appointments/service/read.js";
import { expiringContracts } from "../../contracts/service/expiring.js";
import { clientFacts } from "../../metrics/facts/clients.js";
import { productionFacts } from "../../metrics/facts/production.js";
import { stockFacts } from "../../metrics/facts/stock.js";
import { summaryQuery } from "../../orders/service/views.js";
import { efficiencyPercent } from "../../production/metrics.js";
import { salesTotals } from "../../reports/financial/facts.js";
import type { Dashboard } from "../dashboard.schema.js";
import { orderPipeline, productionNow } from "./pipeline.js";

const UPCOMING_DAYS = 7;
const UPCOMING_LIMIT = 5;
const RECENT_LIMIT = 10;
const EXPIRING_SHOWN = 5;

/**
 * The studio's front page. Every number is one of the shared facts (the financial report's sales,
 * the metrics' clients, stock and production facts, the contracts' expiring rule, the agenda's
 * select), each one small aggregate, all run side by side: a fixed number of statements whatever
 * the data. The month is the studio's calendar month.
 */
export async function dashboardSummary(db: Executor, opts: { costs: boolean; now?: Date }): Promise<Dashboard> {
  const now = opts.now ?? new Date();
  const zone = await studioZone(db);
  const month = resolvePeriod({ period: "month" }, zone, now);
  const today = dayOf(now, zone);
  const weekAhead = new Date(+now + UPCOMING_DAYS * 86_400_000);
  const [sales, lastMonth, pipeline, stock, working, made, clients, expiring, upcoming, recent] = await Promise.all([
    salesTotals(db, month),
    salesTotals(db, previousPeriod(month)),
    orderPipeline(db, now, today, zone),
    stockFacts(db),
    productionNow(db),
    productionFacts(db, month),
    clientFacts(db, month),
    expiringContracts(db, { page: 1, pageSize: EXPIRING_SHOWN }),
    selectAppointments(db)
      .where(
        and(
          gte(appointments.startsAt, now),
          lt(appointments.startsAt, weekAhead),
          inArray(appointments.status, ["requested", "confirmed"]),
        ),
      )
      .orderBy(asc(appointments.startsAt), asc(appointments.id))
      .limit(UPCOMING_LIMIT),
    summaryQuery(db).orderBy(desc(orders.createdAt), desc(orders.id)).limit(RECENT_LIMIT),
  ]);
  return {
    month: periodView(month),
    revenueThisMonth: formatCents(sales.revenueCents),
    revenueLastMonth: formatCents(lastMonth.revenueCents),
    revenueChangePercent: changePercent(sales.revenueCents, lastMonth.revenueCents),
    ordersThisMonth: sales.ordersCount,
    pendingOrders: pipeline.pending,
    openQuotes: pipeline.quotes,
    lateOrders: pipeline.late,
    dueToday: pipeline.dueToday,
    deliveriesDueSoon: pipeline.dueSoon,
    lowStockCount: stock.lowStock,
    inventoryValue: opts.costs ? formatCents(stock.valueCents) : null,
    production: {
      ...working,
      doneThisMonth: made.done,
      efficiencyPercent: asPercent(
        efficiencyPercent({ consumedCents: made.consumedCents, wasteCents: made.wasteCents }),
      ),
    },
    activeClients: { total: clients.active, new: clients.new, returning: clients.active - clients.new },
    expiringContracts: {
      count: expiring.count,
      first: expiring.results.map((c) => ({ id: c.id, title: c.title, schoolName: c.schoolName, validTo: c.validTo })),
    },
    upcomingAppointments: upcoming.map((a) => ({
      id: a.id,
      type: a.type,
      title: a.title,
      status: a.status,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      resourceName: a.resourceName,
      clientName: a.clientName,
    })),
    recentOrders: recent.map(({ order, clientName }) => ({
      id: order.id,
      number: order.number,
      clientId: order.clientId,
      clientName,
      total: formatCents(parseCents(order.total) ?? 0),
      status: order.status,
      createdAt: order.createdAt,
    })),
  };
}
