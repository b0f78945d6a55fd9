import { appointmentStatuses, appointmentTypes, orderStatuses } from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput, percentOutput as percent } from "../../shared/fields.js";
import { periodOutput, withSeries } from "../../shared/periods.js";

const count = (description: string) => z.number().int().describe(description);

export const pendingStatuses = ["confirmed", "in_production", "ready"] as const;

export const dashboardOutput = z
  .object({
    month: periodOutput.describe("This month in the studio's calendar"),
    revenueThisMonth: moneyOutput("Revenue of the sales confirmed this month (the financial report's definition)"),
    revenueLastMonth: moneyOutput("Revenue of last month's sales"),
    revenueChangePercent: percent("This month's revenue against last month's"),
    ordersThisMonth: count("Sales confirmed this month"),
    pendingOrders: z
      .array(z.object({ status: z.enum(pendingStatuses), count: count("Orders in this status now") }))
      .describe("Sold and not delivered, by status (every status listed, 0 included)"),
    openQuotes: count("Drafts (quotes) not yet confirmed: not sales, so not among pendingOrders"),
    lateOrders: count("Past their promised delivery, neither delivered nor cancelled (the orders list's late=true)"),
    dueToday: count("Promised today (the studio's day), neither delivered nor cancelled"),
    deliveriesDueSoon: count("Promised from now to the end of the day after tomorrow, neither delivered nor cancelled"),
    lowStockCount: count("Active materials whose available stock is at or below their minimum"),
    inventoryValue: moneyOutput("Σ on hand × average cost of active materials")
      .nullable()
      .describe("Null without costs:read"),
    production: z.object({
      inProgress: count("Production orders started, not done"),
      waitingMaterial: count("Production orders waiting for material"),
      doneThisMonth: count("Production orders done this month"),
      efficiencyPercent: percent("1 − waste cost ÷ (consumed + waste cost) of this month's done orders"),
    }),
    activeClients: z
      .object({
        total: count("Clients with a sale this month"),
        new: count("…whose first sale ever is this month"),
        returning: count("…who had bought before"),
      })
      .describe("Clients active this month (SPEC 6)"),
    expiringContracts: z.object({
      count: count("Active contracts ending within the alerts window (expiringContractDays)"),
      first: z
        .array(
          z.object({
            id: z.number().int().describe("Contract id"),
            title: z.string().describe("Contract title"),
            schoolName: z.string().nullable().describe("The school"),
            validTo: z.string().describe("Last day (YYYY-MM-DD)"),
          }),
        )
        .describe("The soonest five"),
    }),
    upcomingAppointments: z
      .array(
        z.object({
          id: z.number().int().describe("Appointment id"),
          type: z.enum(appointmentTypes).describe("Kind of appointment"),
          title: z.string().describe("Title"),
          status: z.enum(appointmentStatuses).describe("Requested or confirmed"),
          startsAt: z.date().describe("Start"),
          endsAt: z.date().describe("End"),
          resourceName: z.string().describe("Room, photographer or equipment"),
          clientName: z.string().nullable().describe("The client, if any"),
        }),
      )
      .describe("Requested or confirmed appointments starting in the next 7 days, soonest first, at most 5"),
    recentOrders: z
      .array(
        z.object({
          id: z.number().int().describe("Order id"),
          number: z.string().describe("Order number"),
          clientId: z.number().int().describe("Client id"),
          clientName: z.string().describe("Client's name"),
          total: moneyOutput("Order total"),
          status: z.enum(orderStatuses).describe("Order status"),
          createdAt: z.date().describe("Created"),
        }),
      )
      .describe("The last 10 orders created, newest first (quotes included)"),
  })
  .meta({ id: "Dashboard" });
export type Dashboard = z.infer<typeof dashboardOutput>;

export const sectionInput = withSeries({});
export type SectionInput = z.infer<typeof sectionInput>;

const point = <T extends z.ZodType>(value: T) =>
  z.array(z.object({ period: z.string().describe("Bucket: YYYY-MM-DD (day, week's Monday) or YYYY-MM"), value }));
const countSeries = (description: string) =>
  point(z.number().int().describe(description)).describe("Every bucket, 0 where none");

export const revenueSectionOutput = z
  .object({
    period: periodOutput,
    total: moneyOutput("Revenue of the period"),
    previous: moneyOutput("Revenue of the previous period of the same kind and length"),
    changePercent: percent("Against the previous period"),
    averageTicket: moneyOutput("Revenue ÷ sales (half-up)"),
    series: point(moneyOutput("Revenue in the bucket")).describe("Revenue per bucket, every bucket, 0.00 where none"),
  })
  .meta({ id: "DashboardRevenue" });

export const ordersSectionOutput = z
  .object({
    period: periodOutput,
    sold: count("Sales confirmed in the period"),
    delivered: count("Orders delivered in the period"),
    pendingOrders: z
      .array(z.object({ status: z.enum(pendingStatuses), count: count("Now") }))
      .describe("Now, by status"),
    lateOrders: count("Late now"),
    series: countSeries("Sales confirmed in the bucket"),
    deliveredSeries: countSeries("Orders delivered in the bucket"),
  })
  .meta({ id: "DashboardOrders" });

export const clientsSectionOutput = z
  .object({
    period: periodOutput,
    active: count("Clients with a sale in the period"),
    new: count("…whose first sale ever is in it"),
    returning: count("…who had bought before"),
    series: countSeries("Active clients in the bucket"),
    newSeries: countSeries("New clients in the bucket"),
  })
  .meta({ id: "DashboardClients" });
