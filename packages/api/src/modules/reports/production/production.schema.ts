import {
  materialCategories,
  materialUnits,
  productionPriorities,
  productionStatuses,
  productionTypes,
} from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput, percentOutput } from "../../../shared/fields.js";
import { periodOutput, seriesInput } from "../../../shared/periods.js";

export const productionInput = seriesInput;

const count = (description: string) => z.number().int().describe(description);
const percent = (description: string) => percentOutput(`${description} (half-up)`, "nothing was used");
const atCost = (description: string) =>
  moneyOutput(description).nullable().describe(`${description}; null without costs:read`);
const qty = (description: string) =>
  z.string().describe(`${description}: a decimal string with three decimals, in the material's unit`).meta({
    example: "2.500",
  });
const days = (description: string) =>
  z.number().nullable().describe(`${description}, in days with two decimals; null when none was done`);
const type = z.enum(productionTypes).describe("framing, minilab, graduation, laser_cut, digital_editing, other");

/** waste % by cost and efficiency of a set of done orders, with what the usage cost (costs:read). */
const usageFields = {
  wastePercent: percent("Waste (mermas) cost ÷ (consumed + waste cost): materials weigh by cost, units never add"),
  efficiencyPercent: percent("1 − waste cost ÷ (consumed + waste cost)"),
  consumedCost: atCost("Σ consumed × each registration's unit cost"),
  wasteCost: atCost("Σ waste × each registration's unit cost"),
};

export const productionOutput = z
  .object({
    period: periodOutput,
    orders: z
      .object({
        total: count("Production orders created in the period"),
        byStatus: z
          .array(z.object({ status: z.enum(productionStatuses), count: count("…in this status now") }))
          .describe("Every status listed, 0 included"),
        byType: z.array(z.object({ type, count: count("…of this type") })).describe("Every type listed, 0 included"),
      })
      .describe("Production orders created in the period, by their status now and by type"),
    output: count("Production orders done (registered) in the period: one finished product each"),
    leadTimeDays: days("Mean time from confirmed to done of the orders done in the period"),
    ...usageFields,
    materials: z
      .array(
        z.object({
          materialId: z.number().int().describe("Material id"),
          code: z.string().describe("The material's code"),
          name: z.string().describe("The material's name"),
          category: z.enum(materialCategories),
          unit: z.enum(materialUnits).describe("The unit of consumed and waste"),
          orders: count("Done orders that used it"),
          consumed: qty("Σ consumed into the pieces"),
          waste: qty("Σ wasted (mermas)"),
          wastePercent: percent("waste ÷ (consumed + waste), in the material's own unit"),
          efficiencyPercent: usageFields.efficiencyPercent,
          consumedCost: usageFields.consumedCost,
          wasteCost: usageFields.wasteCost,
        }),
      )
      .describe("Per material, over the orders done in the period; by code"),
    types: z
      .array(
        z.object({
          type,
          done: count("Orders of the type done in the period"),
          leadTimeDays: days("Their mean time from confirmed to done"),
          ...usageFields,
        }),
      )
      .describe("Per production type, every type listed"),
    late: z
      .array(
        z.object({
          id: z.number().int().describe("Production order id"),
          number: z.string().describe("OP-2026-000045"),
          type,
          priority: z.enum(productionPriorities),
          status: z.enum(productionStatuses).describe("Still open: draft, confirmed, waiting_material or in_progress"),
          dueAt: z.date().describe("When it was due"),
          daysLate: count("Whole days since it was due"),
          orderId: z.number().int().nullable().describe("The order it is made for"),
          orderNumber: z.string().nullable().describe("…and its number"),
          assigneeName: z.string().nullable().describe("Who it is assigned to"),
        }),
      )
      .describe(
        "Late now (the production list's late=true: past due, neither done nor cancelled), the most overdue first, at most 100",
      ),
    series: z
      .array(
        z.object({
          period: z.string().describe("The bucket: YYYY-MM-DD (day, week's Monday) or YYYY-MM"),
          done: count("Orders done in the bucket"),
          wastePercent: usageFields.wastePercent,
          efficiencyPercent: usageFields.efficiencyPercent,
        }),
      )
      .describe("Waste and efficiency of the orders done per groupBy bucket, every bucket of the period"),
  })
  .meta({ id: "ProductionReport" });
export type ProductionReport = z.infer<typeof productionOutput>;
