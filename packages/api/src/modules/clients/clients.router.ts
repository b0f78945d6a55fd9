import { z } from "zod";
import { rest } from "../../shared/openapi-meta.js";
import { idInput, paginated } from "../../shared/pagination.js";
import { authedProcedure, router } from "../../trpc.js";
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
  list: authedProcedure
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
  schools: authedProcedure
    .meta({ permission: "clients:read", openapi: rest("GET", "/clients/schools", "List schools", { tags }) })
    .input(listSchoolsInput)
    .output(paginated(clientOutput))
    .query(({ ctx, input }) => service.listClients(ctx.db, { ...input, kind: "school" })),

  byId: authedProcedure
    .meta({ permission: "clients:read", openapi: rest("GET", "/clients/{id}", "Get a client", { tags }) })
    .input(idInput)
    .output(clientOutput)
    .query(({ ctx, input }) => service.getClient(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      permission: "clients:write",
      created: true,
      openapi: rest("POST", "/clients", "Create a client", { tags }),
    })
    .input(createClientInput)
    .output(clientOutput)
    .mutation(({ ctx, input }) => service.createClient(ctx.db, input)),

  update: authedProcedure
    .meta({
      permission: "clients:write",
      openapi: rest("PUT", "/clients/{id}", "Replace a client", {
        tags,
        description: "Every field is set; omitted optional fields become empty.",
      }),
    })
    .input(replaceClientInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input: { id, ...fields } }) => {
      ctx.audit.before = await service.getClient(ctx.db, id);
      return service.updateClient(ctx.db, id, fields);
    }),

  patch: authedProcedure
    .meta({
      permission: "clients:write",
      openapi: rest("PATCH", "/clients/{id}", "Update some fields of a client", { tags }),
    })
    .input(patchClientInput)
    .output(clientOutput)
    .mutation(async ({ ctx, input: { id, ...changes } }) => {
      ctx.audit.before = await service.getClient(ctx.db, id);
      return service.updateClient(ctx.db, id, changes);
    }),

  delete: authedProcedure
    .meta({ permission: "clients:write", openapi: rest("DELETE", "/clients/{id}", "Delete a client", { tags }) })
    .input(idInput)
    .output(z.object({ id: z.number().int(), deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.before = await service.getClient(ctx.db, input.id);
      ctx.audit.after = null;
      await service.deleteClient(ctx.db, input.id);
      return { id: input.id, deleted: true as const };
    }),
});
