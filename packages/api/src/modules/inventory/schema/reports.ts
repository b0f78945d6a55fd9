import { z } from "zod";

const qty = (description: string, example = "2.500") => z.string().describe(description).meta({ example });

export const checkOutput = z
  .object({
    mismatches: z
      .array(
        z.object({
          materialId: z.number().int(),
          locationId: z.number().int(),
          field: z
            .enum(["onHand", "reserved"])
            .describe("onHand: against the ledger's replay; reserved: against the active reservations"),
          balance: qty("What the balance row says"),
          expected: qty("What the ledger (or the reservations) says"),
        }),
      )
      .describe("Every balance that differs from the replay of the ledger: none when stock is right"),
    movements: z.number().int().describe("Movements replayed"),
    balances: z.number().int().describe("Balance rows checked"),
  })
  .meta({ id: "StockCheck" });

export const alertKinds = [
  "out_of_stock",
  "low_stock",
  "high_waste",
  "expiring",
  "inactive",
  "late_production",
] as const;

export const alertOutput = z
  .object({
    kind: z
      .enum(alertKinds)
      .describe(
        "out_of_stock and low_stock (open alerts), high_waste (a production order's waste over the threshold), expiring (within 30 days, or expired), inactive (no movement for 90 days), late_production (a production order past its due date, neither done nor cancelled)",
      ),
    alertId: z.number().int().nullable().describe("The stored alert (stock and waste alerts); null for derived rows"),
    materialId: z.number().int().nullable(),
    code: z.string().nullable().describe("The material's code; late_production: the production order's number"),
    name: z.string().nullable().describe("The material's name"),
    available: qty("Available now (on hand − reserved)").nullable(),
    minimum: qty("The material's minimum").nullable(),
    productionOrderId: z.number().int().nullable().describe("high_waste and late_production: the production order"),
    wastePercent: z.string().nullable().describe("high_waste: the order's waste %").meta({ example: "12.50" }),
    expiresAt: z.string().nullable().describe("expiring: the expiry date").meta({ example: "2026-12-31" }),
    lastMovementAt: z.date().nullable().describe("inactive: the last movement, null if none ever"),
    openedAt: z.date().nullable().describe("Stored alerts: when it was opened"),
    dueAt: z.date().nullable().describe("late_production: when it was due"),
  })
  .meta({ id: "StockAlert" });

export const reorderOutput = z
  .object({
    materialId: z.number().int(),
    code: z.string(),
    name: z.string(),
    unit: z.string(),
    available: qty("Available now"),
    onOrder: qty("Ordered and not yet received"),
    minimum: qty("Minimum"),
    maximum: qty("Maximum: the reorder target"),
    packMultiple: qty("The quantity is rounded up to this multiple", "1.000"),
    suggested: qty("max − (available + on order), rounded up to the pack multiple; never below 0", "18.000"),
    purchaseUnit: z.string().nullable(),
  })
  .meta({ id: "ReorderSuggestion" });
