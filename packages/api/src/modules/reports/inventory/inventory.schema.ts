import { materialCategories, materialUnits, movementTypes } from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput } from "../../../shared/fields.js";
import { periodOutput, seriesInput } from "../../../shared/periods.js";

export const inventoryInput = seriesInput;

const count = (description: string) => z.number().int().describe(description);
const qty = (description: string) =>
  z.string().describe(`${description}: a decimal string with three decimals, in the unit`).meta({ example: "2.500" });
const atCost = (description: string) =>
  moneyOutput(description).nullable().describe(`${description}; null without costs:read`);
const category = z.enum(materialCategories).describe("Inventory category (varillas, impresion…)");
const unit = z.enum(materialUnits).describe("The material's base unit (m, m2, sheet, ml, unit)");

const materialFields = {
  materialId: z.number().int().describe("Material id"),
  code: z.string().describe("The material's code"),
  name: z.string().describe("The material's name"),
  category,
  unit,
};

export const inventoryOutput = z
  .object({
    period: periodOutput,
    categories: z
      .array(
        z.object({
          category,
          items: count("Active materials in the category"),
          lowStock: count("…whose available stock (on hand − reserved) is at or below their minimum"),
          value: atCost("Σ on hand × moving-average cost of its active materials, each half-up to the cent"),
        }),
      )
      .describe("Stock now, every one of the seven categories (0 where empty)"),
    totalValue: atCost("Inventory value now: Σ of the categories' values (the dashboard's inventory value)"),
    items: count("Active materials"),
    lowStockCount: count("Active materials at or below their minimum (the dashboard's low-stock count)"),
    movements: z
      .array(
        z.object({
          type: z.enum(movementTypes).describe("receipt, consume, waste, adjust, return or transfer"),
          count: count("Movements of the type in the period, corrections included"),
          quantities: z
            .array(
              z.object({
                unit,
                quantity: qty("Σ quantity moved"),
                net: qty("Σ effect on the studio's own stock: in − out (0 for transfers between locations)"),
              }),
            )
            .describe("Per unit: metres and m² never add"),
          cost: atCost("Σ quantity × the movement's own unit cost"),
        }),
      )
      .describe("The ledger in the period by movement type, every type listed"),
    lowStock: z
      .array(
        z.object({
          ...materialFields,
          available: qty("On hand − reserved now"),
          minimum: qty("The material's minimum"),
        }),
      )
      .describe("Active materials at or below their minimum now, the furthest below first"),
    inactive: z.object({
      days: count("Idle days that make a material inactive (90, as the alerts list)"),
      count: count("Active materials without a movement in the last `days` days"),
      materials: z
        .array(
          z.object({
            ...materialFields,
            onHand: qty("On hand now"),
            lastMovementAt: z
              .date()
              .nullable()
              .describe("Its last movement; null if it never had one (idle since created)"),
          }),
        )
        .describe("The longest idle first"),
    }),
    consumption: z
      .array(
        z.object({
          period: z.string().describe("The bucket: YYYY-MM-DD (day, week's Monday) or YYYY-MM"),
          category,
          unit,
          quantity: qty("Taken out of stock by production (consume + waste movements, net of corrections)"),
        }),
      )
      .describe("Per category and unit that production used in the period, every bucket of the period by groupBy"),
  })
  .meta({ id: "InventoryReport" });
export type InventoryReport = z.infer<typeof inventoryOutput>;
