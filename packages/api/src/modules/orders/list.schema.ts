import { orders } from "@fotostudio/db";
import { z } from "zod";
import { date, flag, id } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";
import { orderStatus } from "./orders.schema.js";

export const orderSort = sortable(
  {
    createdAt: orders.createdAt,
    number: orders.number,
    promisedAt: orders.promisedAt,
    total: orders.total,
    status: orders.status,
    id: orders.id,
  },
  "-createdAt",
);

const filters = {
  clientId: id("Only this client's orders").optional(),
  serviceId: id("Only orders for this service").optional(),
  contractId: id("Only orders under this contract").optional(),
  late: flag.describe("Only late (true) or not late (false) orders").optional(),
  from: date("Created on or after this day").optional(),
  to: date("Created on or before this day").optional(),
  ordering: orderSort.ordering,
};

const rangeInOrder = (r: { from?: string | undefined; to?: string | undefined }) => !r.from || !r.to || r.from <= r.to;
const rangeIssue = { message: "`to` must not be before `from`", path: ["to"] };

/**
 * The list's filters. Search matches the number, the client's name, document (tax id) and phone
 * (digits alone match a phone however it was written).
 */
export const listOrdersInput = pageInput
  .extend({ status: orderStatus.optional(), ...filters })
  .refine(rangeInOrder, rangeIssue);
export type ListOrdersInput = z.infer<typeof listOrdersInput>;

export const searchOrdersInput = pageInput
  .omit({ search: true })
  .extend({
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .describe("Order number, client name, document (DNI/RUC) or phone")
      .meta({ example: "P-2026" }),
    status: orderStatus.optional(),
    ...filters,
  })
  .refine(rangeInOrder, rangeIssue);
export type SearchOrdersInput = z.infer<typeof searchOrdersInput>;

export const statusOrdersInput = pageInput
  .extend({ status: orderStatus.describe("The orders in this state"), ...filters })
  .refine(rangeInOrder, rangeIssue);

export const clientOrdersInput = pageInput.extend({
  id: id("Client"),
  status: orderStatus.optional(),
  ordering: orderSort.ordering,
});
export type ClientOrdersInput = z.infer<typeof clientOrdersInput>;
