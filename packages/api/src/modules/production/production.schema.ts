import { productionOrders, productionPriorities, productionStatuses, productionTypes } from "@fotostudio/db";
import { z } from "zod";
import { date, flag, id, money, optionalText, quantity, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

// The production module's inputs; the outputs are in output.schema.ts.

export const productionStatus = z
  .enum(productionStatuses)
  .describe(
    "draft → confirmed (components reserved) or waiting_material (short of stock) → in_progress → done (registered); draft, waiting_material or confirmed → cancelled",
  )
  .meta({ example: "confirmed" });
export const productionType = z
  .enum(productionTypes)
  .describe("framing (enmarcado), minilab, graduation, laser_cut, digital_editing, other")
  .meta({ example: "framing" });
export const productionPriority = z.enum(productionPriorities).describe("low, normal, high or urgent");

const positive = (description: string, example: string) =>
  quantity(description)
    .refine((v) => v > 0, "must be greater than 0")
    .meta({ example });

export const componentInput = z.object({
  materialId: id("Material (inventory catalog), once per production order"),
  plannedQty: positive("Planned quantity in the material's base unit (m, m², unit…)", "2.440"),
});
export type ComponentInput = z.infer<typeof componentInput>;

const components = z
  .array(componentInput)
  .max(100)
  .refine((list) => new Set(list.map((c) => c.materialId)).size === list.length, "each material once")
  .describe(
    "What it needs. Omitted on a frame line: derived from the line's stored breakdown (moulding length L in m, glazing, backing and mat board by the area W·H in m², times the line's quantity); on an item line with a material: that material and the line's quantity",
  );

/** A calendar day means the end of that day in the studio's zone; an instant is taken as it is. */
const dueAt = z
  .union([date("Due day"), z.coerce.date()])
  .nullable()
  .describe(
    "When it must be finished: a day (YYYY-MM-DD, until the end of that day in the studio's time zone) or an ISO 8601 instant; late after it",
  )
  .meta({ example: "2026-12-18" })
  .optional();

const editable = {
  type: productionType,
  priority: productionPriority.default("normal"),
  assigneeId: id("Assignee: an active user of this studio (the workshop operator)").nullable().optional(),
  dueAt,
  notes: optionalText(5000, "Notes for the workshop").meta({ example: "Vidrio antirreflejo" }).optional(),
  components: components.optional(),
};

export const createProductionOrderInput = z.object({
  orderId: id("Order it is made for (confirmed or in production); implied by orderLineId").optional(),
  orderLineId: id("Order line it makes (one open production order per line)").optional(),
  ...editable,
});
export type CreateProductionOrderInput = z.infer<typeof createProductionOrderInput>;

/** PUT: every editable field of a draft; components omitted are derived again from the line (or none). */
export const replaceProductionOrderInput = z.object({ id: id("Production order"), ...editable });
export type ReplaceProductionOrderInput = z.infer<typeof replaceProductionOrderInput>;

/** PATCH: only the fields sent change, on a draft. */
export const patchProductionOrderInput = z.object({
  id: id("Production order"),
  type: productionType.optional(),
  priority: productionPriority.optional(),
  assigneeId: editable.assigneeId,
  dueAt,
  notes: editable.notes,
  components: editable.components,
});
export type PatchProductionOrderInput = z.infer<typeof patchProductionOrderInput>;
export type ProductionOrderChanges = Omit<PatchProductionOrderInput, "id">;

export const productionSort = sortable(
  {
    createdAt: productionOrders.createdAt,
    dueAt: productionOrders.dueAt,
    number: productionOrders.number,
    priority: productionOrders.priority,
    status: productionOrders.status,
    id: productionOrders.id,
  },
  "-createdAt",
);

export const listProductionOrdersInput = pageInput.extend({
  status: productionStatus.describe("Only production orders in this state").optional(),
  priority: productionPriority.describe("Only this priority").optional(),
  type: productionType.describe("Only this type of work").optional(),
  assigneeId: id("Only those assigned to this user").optional(),
  orderId: id("Only those for this order").optional(),
  late: flag.describe("Only late (true: past due, neither done nor cancelled) or not late (false)").optional(),
  ordering: productionSort.ordering,
});
export type ListProductionOrdersInput = z.infer<typeof listProductionOrdersInput>;

export const transitionProductionInput = z.object({
  id: id("Production order"),
  // Every state is accepted here, so a move the machine does not allow is a 409, not a 400.
  to: productionStatus
    .describe(
      "confirmed: reserve every component (waiting_material with what is missing when short; sent again from waiting_material, it retries); in_progress: start (from confirmed); cancelled: before in_progress, releasing the reservations. done (only by registering the output), waiting_material and draft are never requested: 409",
    )
    .meta({ example: "confirmed" }),
  reason: optionalText(500, "Why (kept with a cancellation)").meta({ example: "Client changed the moulding" }),
});
export type TransitionProductionInput = z.infer<typeof transitionProductionInput>;

const uniqueMaterials = (list: { materialId: number }[]) => new Set(list.map((c) => c.materialId)).size === list.length;

export const registerInput = z.object({
  productionOrderId: id("Production order, in progress"),
  consumed: z
    .array(
      z.object({
        materialId: id("A component's material"),
        quantity: positive("Quantity that went into the piece (may differ from planned)", "2.500"),
      }),
    )
    .max(100)
    .refine(uniqueMaterials, "each material once")
    .describe("What was used, per component; a component left out used nothing"),
  waste: z
    .array(
      z.object({
        materialId: id("A component's material"),
        quantity: positive("Quantity wasted (merma)", "0.100"),
        reason: text(500, "Why it was wasted").meta({ example: "Corte mal medido" }),
      }),
    )
    .max(100)
    .refine(uniqueMaterials, "each material once")
    .default([])
    .describe("Waste (mermas) per component, with its reason"),
  product: z
    .object({
      description: text(500, "What the finished piece is").meta({ example: "Marco pino 30×40 con vidrio" }),
      price: money("Sale price of the piece; the order line's unit price when omitted").optional(),
      locationId: id("Internal stock location where it is kept; the default location when omitted").optional(),
    })
    .optional()
    .describe("The finished product; omitted: described after the order line (or the production order)"),
});
export type RegisterInput = z.infer<typeof registerInput>;

export const materialMetricsInput = z.object({
  materialId: id("Only this material").optional(),
  from: date("Registered on or after this day").optional(),
  to: date("Registered on or before this day").optional(),
});
export type MaterialMetricsInput = z.infer<typeof materialMetricsInput>;
