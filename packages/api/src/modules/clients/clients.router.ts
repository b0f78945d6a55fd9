import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  clientOutput,
  createClientInput,
  listClientsInput,
  listSchoolsInput,
  type PatchClientInput,
  patchClientInput,
  replaceClientInput,
} from "./clients.schema.js";
import * as service from "./clients.service.js";

/** PUT and PATCH: the same change, a whole or a partial client. */
const update = (ctx: AuthedContext, { id, ...changes }: PatchClientInput, whole: boolean) =>
  applied(ctx, service.updateClient(ctx.db, id, changes, { whole }));

const RULES =
  "A person needs a name and a phone, and a document only if given (DNI: 8 digits, or RUC 10…); a school or a company a name, `contactName`, a phone and a RUC (11 digits starting 10, 15, 17 or 20): 400 on the field.";

export const clientsRouter = {
  list: authedProcedure
    .meta({
      permission: "clients:read",
      openapi: rest(
        "GET",
        "/clients",
        "List clients",
        "Persons, schools and companies, paginated, each with its order count, total spent and last order date; search matches name, phone, e-mail and document (taxId); ordering by those too (`-totalSpent`).",
      ),
    })
    .input(listClientsInput)
    .output(paginated(clientOutput))
    .query(({ ctx, input }) => service.listClients(ctx.db, input)),

  // Declared before byId: REST matches paths in order, and /clients/{id} would take "schools".
  schools: authedProcedure
    .meta({ permission: "clients:read", openapi: rest("GET", "/clients/schools", "List schools") })
    .input(listSchoolsInput)
    .output(paginated(clientOutput))
    .query(({ ctx, input }) => service.listClients(ctx.db, { ...input, kind: "school" })),

  byId: authedProcedure
    .meta({ permission: "clients:read", openapi: rest("GET", "/clients/{id}", "Get a client") })
    .input(idInput("Client"))
    .output(clientOutput)
    .query(({ ctx, input }) => service.getClient(ctx.db, input.id)),

  create: authedProcedure
    .meta({ permission: "clients:write", created: true, openapi: rest("POST", "/clients", "Create a client", RULES) })
    .input(createClientInput)
    .output(clientOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.createClient(ctx.db, input))),

  update: authedProcedure
    .meta({
      permission: "clients:write",
      openapi: rest(
        "PUT",
        "/clients/{id}",
        "Replace a client",
        `Every field is set; omitted optional fields become empty. ${RULES}`,
      ),
    })
    .input(replaceClientInput)
    .output(clientOutput)
    .mutation(({ ctx, input }) => update(ctx, input, true)),

  patch: authedProcedure
    .meta({
      permission: "clients:write",
      openapi: rest(
        "PATCH",
        "/clients/{id}",
        "Update some fields of a client",
        `The rules apply to the client as the change leaves it; a field the change does not touch is not held against a client saved before them, unless the kind changes. ${RULES}`,
      ),
    })
    .input(patchClientInput)
    .output(clientOutput)
    .mutation(({ ctx, input }) => update(ctx, input, false)),

  delete: authedProcedure
    .meta({
      permission: "clients:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "DELETE",
        "/clients/{id}",
        "Delete a client",
        "Only a client without orders, contracts or appointments (409 CONFLICT otherwise: its history keeps it).",
      ),
    })
    .input(idInput("Client"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteClient(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
