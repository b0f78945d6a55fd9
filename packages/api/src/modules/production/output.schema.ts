import { materialUnits, movementTypes, orderStatuses } from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput } from "../../shared/fields.js";
import { productionPriority, productionStatus, productionType } from "./production.schema.js";

// What the production module answers. Cost fields are present only for roles holding costs:read.

const qty = (description: string, example = "2.440") =>
  z.string().describe(`${description}, in the material's base unit (3 decimals)`).meta({ example });
const costOnly = (description: string, example = "19.52") =>
  moneyOutput(`${description}; only for roles holding costs:read`).meta({ example }).optional();
const percentOrNull = (description: string, example: string) =>
  z.string().nullable().describe(`${description}, percent with two decimals; null when nothing was used`).meta({
    example,
  });

export const componentOutput = z
  .object({
    materialId: z.number().int(),
    materialCode: z.string().meta({ example: "VAR-PINO-20" }),
    materialName: z.string().meta({ example: "Pine 2 cm" }),
    unit: z.enum(materialUnits).describe("The material's base unit"),
    plannedQty: qty("Planned"),
    reservedQty: qty("Held for this order now (active reservations)"),
    consumedQty: qty("Used, once registered", "2.500"),
    wasteQty: qty("Wasted (merma), once registered", "0.100"),
    wasteReason: z.string().nullable().describe("Why it was wasted"),
    wastePercent: percentOrNull("waste / (consumed + waste)", "3.85"),
    unitCost: costOnly("Cost per base unit when registered (the moving average then)", "8.00"),
    consumedCost: costOnly("consumed × unit cost", "20.00"),
    wasteCost: costOnly("waste × unit cost", "0.80"),
  })
  .meta({ id: "ProductionComponent" });

export const missingOutput = z
  .object({
    materialId: z.number().int(),
    required: qty("Needed"),
    available: qty("Available (on hand − reserved) at the default location", "1.000"),
  })
  .meta({ id: "MissingMaterial" });

const summaryFields = {
  id: z.number().int(),
  number: z.string().describe("Per studio and year, gap-free").meta({ example: "OP-2026-000045" }),
  status: productionStatus,
  type: productionType,
  priority: productionPriority,
  orderId: z.number().int().nullable().describe("The order it is made for"),
  orderNumber: z.string().nullable().meta({ example: "P-2026-000123" }),
  orderLineId: z.number().int().nullable().describe("The order line it makes"),
  assigneeId: z.number().int().nullable(),
  assigneeName: z.string().nullable().meta({ example: "Carlos Huamán" }),
  dueAt: z.date().nullable().describe("When it must be finished"),
  late: z.boolean().describe("Past its due date and neither done nor cancelled"),
  notes: z.string().nullable(),
  confirmedAt: z.date().nullable(),
  startedAt: z.date().nullable(),
  doneAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  cancelReason: z.string().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
};

export const productionSummaryOutput = z.object(summaryFields).meta({ id: "ProductionOrderSummary" });
export type ProductionSummary = z.infer<typeof productionSummaryOutput>;

export const productionOrderOutput = z
  .object({
    ...summaryFields,
    components: z.array(componentOutput),
    missing: z
      .array(missingOutput)
      .optional()
      .describe("While waiting_material: what is short now (confirm again to retry the reservation)"),
    efficiency: percentOrNull("1 − waste cost / (consumed cost + waste cost), once registered", "96.15"),
    consumedCost: costOnly("Σ consumed cost", "20.00"),
    wasteCost: costOnly("Σ waste cost", "0.80"),
    productId: z.number().int().nullable().describe("The finished product it made"),
  })
  .meta({ id: "ProductionOrder" });
export type ProductionOrder = z.infer<typeof productionOrderOutput>;

export const movementOutput = z
  .object({
    id: z.number().int(),
    type: z.enum(movementTypes),
    materialId: z.number().int(),
    quantity: qty("Moved", "2.500"),
    fromLocationId: z.number().int(),
    toLocationId: z.number().int(),
    unitCost: costOnly("Cost per base unit of the movement", "8.00"),
    reason: z.string().nullable(),
    userId: z.number().int().nullable(),
    productionOrderId: z.number().int().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: "ProductionMovement" });
export type MovementOut = z.infer<typeof movementOutput>;

export const producedOutput = z
  .object({
    id: z.number().int(),
    code: z.string().meta({ example: "PT-2026-000012" }),
    description: z.string(),
    kind: z.string().meta({ example: "frame" }),
    status: z.string().describe("available, or reserved when it belongs to an order").meta({ example: "reserved" }),
    orderId: z.number().int().nullable(),
    productionOrderId: z.number().int().nullable(),
    locationId: z.number().int().nullable(),
  })
  .meta({ id: "ProducedProduct" });

export const registerOutput = z
  .object({
    productionOrder: productionOrderOutput,
    product: producedOutput,
    movements: z.array(movementOutput).describe("The consume and waste movements written"),
  })
  .meta({ id: "ProductionRegistered" });
export type Registered = z.infer<typeof registerOutput>;

const orderRef = z
  .object({
    id: z.number().int(),
    number: z.string().meta({ example: "P-2026-000123" }),
    status: z.enum(orderStatuses),
    clientId: z.number().int(),
  })
  .nullable();
const lineRef = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    kind: z.string().meta({ example: "frame" }),
    description: z.string(),
    quantity: qty("Line quantity", "1.000"),
  })
  .nullable();
const clientRef = z
  .object({ id: z.number().int(), name: z.string().meta({ example: "Luis Mamani" }), phone: z.string().nullable() })
  .nullable();

export const traceOutput = z
  .object({
    productionOrder: productionSummaryOutput,
    orderLine: lineRef,
    order: orderRef,
    client: clientRef,
    product: producedOutput.nullable(),
    movements: z.array(movementOutput).describe("Every movement of the production order, oldest first"),
    materials: z
      .array(
        z.object({
          id: z.number().int(),
          code: z.string(),
          name: z.string(),
          unit: z.enum(materialUnits),
        }),
      )
      .describe("The materials its components and movements name"),
  })
  .meta({ id: "ProductionTrace" });
export type Trace = z.infer<typeof traceOutput>;

export const movementTraceOutput = z
  .object({
    movement: movementOutput,
    productionOrder: productionSummaryOutput.nullable().describe("null: a movement no production order made"),
    orderLine: lineRef,
    order: orderRef,
    client: clientRef,
  })
  .meta({ id: "MovementTrace" });
export type MovementTrace = z.infer<typeof movementTraceOutput>;

export const materialMetricsOutput = z
  .object({
    results: z.array(
      z.object({
        materialId: z.number().int(),
        materialCode: z.string(),
        materialName: z.string(),
        unit: z.enum(materialUnits),
        orders: z.number().int().describe("Registered production orders that used it"),
        consumedQty: qty("Σ consumed", "25.000"),
        wasteQty: qty("Σ wasted", "1.000"),
        wastePercent: percentOrNull("waste / (consumed + waste)", "3.85"),
        efficiency: percentOrNull("1 − waste cost / (consumed cost + waste cost)", "96.15"),
        consumedCost: costOnly("Σ consumed cost", "200.00"),
        wasteCost: costOnly("Σ waste cost", "8.00"),
      }),
    ),
  })
  .meta({ id: "MaterialWaste" });
export type MaterialMetrics = z.infer<typeof materialMetricsOutput>;
