import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { type Page, paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createServiceInput,
  listServicesInput,
  type PatchServiceInput,
  patchServiceInput,
  replaceServiceInput,
  serviceOutput,
} from "./services.schema.js";
import * as services from "./services.service.js";

const serviceUpdate = async (ctx: AuthedContext, { id, ...changes }: PatchServiceInput) =>
  services.toService(await applied(ctx, services.updateService(ctx.db, id, changes)));
const servicePage = (page: Page<Parameters<typeof services.toService>[0]>) => ({
  ...page,
  results: page.results.map(services.toService),
});

const SERVICE_NOTE = "A name already in use is 409 CONFLICT. Changing the catalog needs prices:write.";

/** The service catalog: reads for the whole staff, changes for those who set prices. */
export const serviceProcedures = {
  services: authedProcedure
    .meta({
      permission: "config:read",
      openapi: rest(
        "GET",
        "/config/services",
        "List the service catalog",
        "The services orders are for, paginated; filter by active; search matches name and description.",
      ),
    })
    .input(listServicesInput)
    .output(paginated(serviceOutput))
    .query(async ({ ctx, input }) => servicePage(await services.listServices(ctx.db, input))),

  serviceById: authedProcedure
    .meta({ permission: "config:read", openapi: rest("GET", "/config/services/{id}", "Get a service") })
    .input(idInput("Service"))
    .output(serviceOutput)
    .query(async ({ ctx, input }) => services.toService(await services.getService(ctx.db, input.id))),

  createService: authedProcedure
    .meta({
      permission: "prices:write",
      created: true,
      errors: ["CONFLICT"],
      openapi: rest("POST", "/config/services", "Add a service to the catalog", SERVICE_NOTE),
    })
    .input(createServiceInput)
    .output(serviceOutput)
    .mutation(async ({ ctx, input }) => services.toService(await applied(ctx, services.createService(ctx.db, input)))),

  updateService: authedProcedure
    .meta({
      permission: "prices:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "PUT",
        "/config/services/{id}",
        "Replace a service",
        `Every field is set; omitted ones become empty or their default. ${SERVICE_NOTE}`,
      ),
    })
    .input(replaceServiceInput)
    .output(serviceOutput)
    .mutation(({ ctx, input }) => serviceUpdate(ctx, input)),

  patchService: authedProcedure
    .meta({
      permission: "prices:write",
      errors: ["CONFLICT"],
      openapi: rest("PATCH", "/config/services/{id}", "Update some fields of a service", SERVICE_NOTE),
    })
    .input(patchServiceInput)
    .output(serviceOutput)
    .mutation(({ ctx, input }) => serviceUpdate(ctx, input)),

  deleteService: authedProcedure
    .meta({
      permission: "prices:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "DELETE",
        "/config/services/{id}",
        "Delete a service",
        "A service that orders name cannot be deleted (409 CONFLICT): deactivate it instead.",
      ),
    })
    .input(idInput("Service"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, services.deleteService(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
