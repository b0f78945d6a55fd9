import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createResourceInput,
  listResourcesInput,
  type PatchResourceInput,
  patchResourceInput,
  replaceResourceInput,
  resourceOutput,
} from "./resources.schema.js";
import * as service from "./resources.service.js";

/** PUT and PATCH: the same change, a whole or a partial resource. */
const update = (ctx: AuthedContext, { id, ...changes }: PatchResourceInput) =>
  applied(ctx, service.updateResource(ctx.db, id, changes));

const NOTE =
  "A name already in use is 409 CONFLICT; `userId` (a user of the studio) only for photographers (400). `active: false` retires it: its appointments stay, new ones cannot be booked on it.";

/** The agenda's resources (`appointments.resources`, `appointments.createResource`…), under /appointments/resources. */
export const resourceProcedures = {
  resources: authedProcedure
    .meta({
      permission: "appointments:read",
      openapi: rest(
        "GET",
        "/appointments/resources",
        "List the agenda's resources",
        "Photographers, rooms and equipment, paginated; filter by kind and active; search matches the name.",
      ),
    })
    .input(listResourcesInput)
    .output(paginated(resourceOutput))
    .query(({ ctx, input }) => service.listResources(ctx.db, input)),

  createResource: authedProcedure
    .meta({
      permission: "appointments:write",
      created: true,
      errors: ["CONFLICT"],
      openapi: rest("POST", "/appointments/resources", "Create a resource", NOTE),
    })
    .input(createResourceInput)
    .output(resourceOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.createResource(ctx.db, input))),

  resourceById: authedProcedure
    .meta({
      permission: "appointments:read",
      openapi: rest("GET", "/appointments/resources/{id}", "Get a resource"),
    })
    .input(idInput("Resource"))
    .output(resourceOutput)
    .query(({ ctx, input }) => service.getResource(ctx.db, input.id)),

  updateResource: authedProcedure
    .meta({
      permission: "appointments:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "PUT",
        "/appointments/resources/{id}",
        "Replace a resource",
        `Every field is set; omitted optional fields become empty or their default. ${NOTE}`,
      ),
    })
    .input(replaceResourceInput)
    .output(resourceOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patchResource: authedProcedure
    .meta({
      permission: "appointments:write",
      errors: ["CONFLICT"],
      openapi: rest("PATCH", "/appointments/resources/{id}", "Rename or retire a resource", NOTE),
    })
    .input(patchResourceInput)
    .output(resourceOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  deleteResource: authedProcedure
    .meta({
      permission: "appointments:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "DELETE",
        "/appointments/resources/{id}",
        "Delete a resource",
        "Only one never booked: a resource with appointments (or in their history) is 409 CONFLICT; retire it instead (PATCH active: false).",
      ),
    })
    .input(idInput("Resource"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteResource(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
