import { orderLineKinds } from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { paymentOutput, paymentStatus } from "../../shared/payments.js";
import { orderPriority, orderStatus, schoolLevel } from "./orders.schema.js";

const costOnly = (description: string) =>
  moneyOutput(`${description}; only for roles holding costs:read`).meta({ example: "30.00" }).optional();
const mm = (description: string, example: number) => z.number().int().describe(`${description} (mm)`).meta({ example });

export const frameComponentOutput = z
  .object({
    component: z.enum(["moulding", "glazing", "backing", "matBoard"]).describe("Which part of the frame"),
    materialId: z.number().int().nullable().describe("The material; null when priced at the studio's price per m²"),
    quantity: z
      .string()
      .describe("Billed metres of moulding (3 decimals) or m² of sheet (4 decimals)")
      .meta({ example: "2.500" }),
    price: moneyOutput("Price of the component for one frame").meta({ example: "60.00" }),
    cost: costOnly("Cost of the component for one frame, waste included"),
  })
  .meta({ id: "FrameComponent" });

/** The frame's spec and the engine's breakdown, as priced when the line was saved. */
export const frameOutput = z
  .object({
    artWidthMm: mm("Art width", 400),
    artHeightMm: mm("Art height", 500),
    mat: z.object({
      leftMm: mm("Mat on the left", 50),
      rightMm: mm("Mat on the right", 50),
      topMm: mm("Mat at the top", 50),
      bottomMm: mm("Mat at the bottom", 50),
    }),
    mouldingId: z.number().int().describe("The moulding (varilla)"),
    glazingId: z.number().int().nullable().describe("Glazing material; null: the studio's price per m², or none"),
    backingId: z.number().int().nullable().describe("Backing material; null: the studio's price per m², or none"),
    matBoardId: z.number().int().nullable().describe("Mat board material; null: the studio's price per m², or none"),
    outerWidthMm: mm("W = art width + mat left + mat right", 500),
    outerHeightMm: mm("H = art height + mat top + mat bottom", 600),
    unitedSizeMm: mm("United size W + H", 1100),
    mouldingLengthMm: mm("Moulding length L = 2(W + H) + 8·b·k", 2440),
    mouldingBilledMm: mm("Billed moulding length (steps, minimum)", 2500),
    areaM2: z.string().describe("W·H in m², 4 decimals").meta({ example: "0.3000" }),
    components: z.array(frameComponentOutput).describe("The priced components; a sheet absent here is not included"),
    oversizeSurcharge: moneyOutput("Surcharge for an oversize frame").meta({ example: "0.00" }),
    unitPrice: moneyOutput("Price of one frame").meta({ example: "60.00" }),
    cost: costOnly("Cost of one frame"),
  })
  .meta({ id: "FrameBreakdown" });
export type FrameOutput = z.infer<typeof frameOutput>;

const lineFields = {
  position: z.number().int().describe("Order of the line, from 1"),
  kind: z.enum(orderLineKinds).describe("item or frame"),
  description: z.string(),
  serviceId: z.number().int().nullable(),
  materialId: z.number().int().nullable().describe("The material of an item line, or a frame's moulding"),
  packageId: z.number().int().nullable().describe("The contract package a package line was sold from"),
  quantity: z.string().describe("Quantity, 3 decimals").meta({ example: "1.000" }),
  unitPrice: moneyOutput("Price of one unit").meta({ example: "60.00" }),
  discount: moneyOutput("The line's own discount").meta({ example: "0.00" }),
  taxRate: z.string().describe("Tax rate in percent").meta({ example: "18.00" }),
  amount: moneyOutput("quantity · unit price − discount").meta({ example: "60.00" }),
  discountShare: moneyOutput("This line's share of the order discount").meta({ example: "0.00" }),
  tax: moneyOutput("Tax of the line, half-up").meta({ example: "10.80" }),
  total: moneyOutput("Line total").meta({ example: "70.80" }),
  cost: costOnly("What the line costs the studio"),
  frame: frameOutput.nullable().describe("The frame and its price breakdown (frame lines)"),
};

export const quoteLineOutput = z.object(lineFields).meta({ id: "QuoteLine" });
export type QuoteLine = z.infer<typeof quoteLineOutput>;
export const orderLineOutput = z.object({ id: z.number().int(), ...lineFields }).meta({ id: "OrderLine" });
export type OrderLine = z.infer<typeof orderLineOutput>;

const totalsFields = {
  currency: z.string().describe("ISO 4217").meta({ example: "PEN" }),
  pricesIncludeTax: z.boolean().describe("Unit prices hold the tax (a studio setting, kept with the order)"),
  subtotal: moneyOutput("Σ line amounts").meta({ example: "100.00" }),
  discount: moneyOutput("Order discount").meta({ example: "0.00" }),
  tax: moneyOutput("Σ line taxes").meta({ example: "18.00" }),
  total: moneyOutput("subtotal − discount + tax").meta({ example: "118.00" }),
  cost: costOnly("Σ line costs"),
};

export const quoteOutput = z.object({ ...totalsFields, lines: z.array(quoteLineOutput) }).meta({ id: "Quote" });
export type Quote = z.infer<typeof quoteOutput>;

const summaryFields = {
  id: z.number().int(),
  number: z.string().describe("Per studio and year, gap-free").meta({ example: "P-2026-000123" }),
  status: orderStatus,
  clientId: z.number().int(),
  clientName: z.string(),
  serviceId: z.number().int().nullable(),
  serviceName: z.string().nullable(),
  priority: orderPriority,
  promisedAt: z.date().nullable().describe("Promised delivery"),
  level: schoolLevel.nullable(),
  grade: z.string().nullable(),
  section: z.string().nullable(),
  contractId: z.number().int().nullable(),
  studentId: z.number().int().nullable(),
  notes: z.string().nullable(),
  ...totalsFields,
  paid: moneyOutput("deposits + payments − refunds").meta({ example: "50.00" }),
  balance: moneyOutput("total − paid").meta({ example: "68.00" }),
  paymentStatus,
  late: z.boolean().describe("Past its promised delivery and neither delivered nor cancelled (atrasado)"),
  confirmedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};

/** An order in a list: everything but its lines and payments. */
export const orderSummaryOutput = z.object(summaryFields).meta({ id: "OrderSummary" });
export type OrderSummary = z.infer<typeof orderSummaryOutput>;

export const orderOutput = z
  .object({ ...summaryFields, lines: z.array(orderLineOutput), payments: z.array(paymentOutput) })
  .meta({ id: "Order" });
export type Order = z.infer<typeof orderOutput>;

export const orderPaymentsOutput = z
  .object({
    count: z.number().int(),
    total: totalsFields.total,
    paid: summaryFields.paid,
    balance: summaryFields.balance,
    paymentStatus,
    results: z.array(paymentOutput).describe("Oldest first"),
  })
  .meta({ id: "OrderPayments" });

export const clientOrdersOutput = paginated(orderSummaryOutput)
  .extend({
    totals: z
      .object({
        ordersCount: z.number().int().describe("Sales: orders confirmed or later, not cancelled"),
        quotesCount: z.number().int().describe("Open quotes (drafts)"),
        totalSpent: moneyOutput("Σ totals of the sales").meta({ example: "1250.00" }),
        paid: moneyOutput("Σ paid on the sales").meta({ example: "1000.00" }),
        balanceDue: moneyOutput("Σ balances of the sales").meta({ example: "250.00" }),
        lastOrderAt: z.date().nullable().describe("When the newest sale was made (as the clients list shows it)"),
      })
      .describe("Over all the client's orders, not only this page"),
  })
  .meta({ id: "ClientOrders" });
export type ClientOrders = z.infer<typeof clientOrdersOutput>;
