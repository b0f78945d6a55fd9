import { appointmentResources, resourceKinds } from "@fotostudio/db";
import { z } from "zod";
import { flag, id, optionalText, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

export const resourceKind = z
  .enum(resourceKinds)
  .describe("What is booked: a photographer, a room (set, studio) or a piece of equipment")
  .meta({ example: "room" });

const resourceFields = {
  name: text(120, "Name the agenda shows, unique in the studio").meta({ example: "Studio A" }),
  kind: resourceKind,
  userId: id("The studio user this photographer is (photographers only)")
    .nullish()
    .transform((v) => v ?? null)
    .meta({ example: null }),
  active: z
    .boolean()
    .default(true)
    .describe("A retired (inactive) resource keeps its appointments but cannot be booked"),
  notes: optionalText(5000, "Free notes for the studio's staff").meta({ example: "Backdrops white and grey" }),
};

export const createResourceInput = z.object(resourceFields);
export type CreateResourceInput = z.infer<typeof createResourceInput>;

/** PUT: the whole resource; omitted optional fields become empty or their default. */
export const replaceResourceInput = z.object({ id: id("Resource"), ...resourceFields });

/** PATCH: only the fields sent change. */
export const patchResourceInput = z.object({
  id: id("Resource"),
  name: resourceFields.name.optional(),
  kind: resourceKind.optional(),
  userId: resourceFields.userId.optional(),
  active: flag.optional().describe("false retires the resource: it can no longer be booked"),
  notes: resourceFields.notes.optional(),
});
export type PatchResourceInput = z.infer<typeof patchResourceInput>;

export const resourceSort = sortable(
  {
    name: appointmentResources.name,
    kind: appointmentResources.kind,
    createdAt: appointmentResources.createdAt,
    id: appointmentResources.id,
  },
  "name",
);

export const listResourcesInput = pageInput.extend({
  kind: resourceKind.optional(),
  active: flag.describe("Only active (true) or retired (false) resources").optional(),
  ordering: resourceSort.ordering,
});
export type ListResourcesInput = z.infer<typeof listResourcesInput>;

export const resourceOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: resourceKind,
    userId: z.number().int().nullable().describe("The studio user this photographer is").meta({ example: null }),
    active: z.boolean(),
    notes: z.string().nullable().meta({ example: "Backdrops white and grey" }),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "AppointmentResource" });
