import { z } from "zod";
import { rest } from "../../shared/openapi-meta.js";
import { idInput, paginated } from "../../shared/pagination.js";
import { router, tenantProcedure } from "../../trpc.js";
import {
  clientOutput,
  createClientInput,
  listClientsInput,
  listSchoolsInput,
  patchClientInput,
  replaceClientInput,
} from "./clients.schema.js";
import * as service from "./clients.service.js";

const tags = ["clients"];

export const clientsRouter = router({
  list: tenantProcedure
    .meta({
      permission: "clients:read",
      openapi: rest("GET", "/clients", "List clients", {
        tags,
        description: "Persons and schools, paginated; search matches name, e-mail, phone and tax id.",
      }),
    })
    .input(listClientsInput)
    .output(paginated(clientOutput))
    .query(({ ctx, input }) => service.listClients(ctx.db, input)),

  // Declared before byId: REST matches paths in order, and /clients/{id} would take "schools".
  schools: tenantProcedure
    .meta({ permission: "clients:read", openapi: rest("GET", "/clients/schools", "List schools", { tags }) })
    .input(listSchoolsInput)
    .output(paginated(clientOutput))
    .query(({ ctx, input }) => service.listClients(ctx.db, { ...input, kind: "school" })),

  byId: tenantProcedure
    .meta({ permission: "clients:read", openapi: rest("GET", "/clients/{id}", "Get a client", { tags }) })
    .input(idInput)
    .output(clientOutput)
    .query(({ ctx, input }) => service.getClient(ctx.db, input.id)),

  create: tenantProcedure
    .meta({
      permission: "clients:write",
      created: true,
      openapi: rest("POST", "/clients", "Create a client", { tags }),
    })
    .input(createClientInput)
    .output(clientOutput)
    .mutation(({ ctx, input }) => ctx.db.transaction((tx) => service.createClient(tx, input))),

  update: tenantProcedure
    .meta({
      permission: "clients:write",
      openapi: rest("PUT", "/clients/{id}", "Replace a client", {
        tags,
        description: "Every field is set; omitted optional fields become empty.",
      }),
    })
    .input(replaceClientInput)
    .output(clientOutput)
    .mutation(({ ctx, input: { id, ...fields } }) => ctx.db.transaction((tx) => service.updateClient(tx, id, fields))),

  patch: tenantProcedure
    .meta({
      permission: "clients:write",
      openapi: rest("PATCH", "/clients/{id}", "Update some fields of a client", { tags }),
    })
    .input(patchClientInput)
    .output(clientOutput)
    .mutation(({ ctx, input: { id, ...changes } }) =>
      ctx.db.transaction((tx) => service.updateClient(tx, id, changes)),
    ),

  delete: tenantProcedure
    .meta({ permission: "clients:write", openapi: rest("DELETE", "/clients/{id}", "Delete a client", { tags }) })
    .input(idInput)
    .output(z.object({ id: z.number().int(), deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await service.deleteClient(ctx.db, input.id);
      return { id: input.id, deleted: true as const };
    }),
});
