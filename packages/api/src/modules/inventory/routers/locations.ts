import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { applied } from "../../../shared/changes.js";
import { emptyInput } from "../../../shared/fields.js";
import { rest } from "../../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../../trpc.js";
import {
  createLocationInput,
  locationOutput,
  type PatchLocationInput,
  patchLocationInput,
  replaceLocationInput,
} from "../schema/locations.js";
import { createLocation, listLocations, updateLocation } from "../service/locations.js";

const update = (ctx: AuthedContext, { id, ...changes }: PatchLocationInput) =>
  applied(ctx, updateLocation(ctx.db, id, changes));

const NOTE =
  "Only internal locations change; the virtual supplier, customer, production, scrap and adjustment locations are fixed (422 BUSINESS_RULE). One location is the default: setting isDefault moves the mark; it cannot be unset or deactivated. A code in use is 409 CONFLICT.";

export const locationProcedures = {
  locations: authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        "/inventory/locations",
        "List stock locations",
        "Every location: the studio's internal ones (one default) and the virtual ones movements come from or go to.",
      ),
    })
    .input(emptyInput)
    .output(z.array(locationOutput))
    .query(({ ctx }) => listLocations(ctx.db)),

  createLocation: authedProcedure
    .meta({
      permission: "inventory:write",
      created: true,
      errors: ["CONFLICT"],
      openapi: rest("POST", "/inventory/locations", "Create an internal location", NOTE),
    })
    .input(createLocationInput)
    .output(locationOutput)
    .mutation(({ ctx, input }) => applied(ctx, createLocation(ctx.db, input))),

  updateLocation: authedProcedure
    .meta({
      permission: "inventory:write",
      errors: ["CONFLICT"],
      openapi: rest("PUT", "/inventory/locations/{id}", "Replace an internal location", NOTE),
    })
    .input(replaceLocationInput)
    .output(locationOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patchLocation: authedProcedure
    .meta({
      permission: "inventory:write",
      errors: ["CONFLICT"],
      openapi: rest("PATCH", "/inventory/locations/{id}", "Update some fields of an internal location", NOTE),
    })
    .input(patchLocationInput)
    .output(locationOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),
} satisfies TRPCRouterRecord;
