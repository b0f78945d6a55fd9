import type { TRPCRouterRecord } from "@trpc/server";
import { emptyInput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { authedProcedure, operatorProcedure } from "../../trpc.js";
import {
  createdTenantOutput,
  createTenantInput,
  currentTenantOutput,
  listTenantsInput,
  tenantOutput,
} from "./tenants.schema.js";
import * as service from "./tenants.service.js";

/** The operators' tenants API, and the one thing any studio user may read of their own studio. */
export const tenantsRouter = {
  list: operatorProcedure
    .meta({
      openapi: rest(
        "GET",
        "/tenants",
        "List tenants (operators)",
        "Every studio with its plan, status, database server, schema version and domains; search matches slug and name.",
      ),
    })
    .input(listTenantsInput)
    .output(paginated(tenantOutput))
    .query(({ ctx, input }) => service.listTenants(ctx.platform, input)),

  // Declared before byId: REST matches paths in order, and /tenants/{id} would take "current".
  current: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: rest(
        "GET",
        "/tenants/current",
        "The studio of this request",
        "Name, slug, branding (business name, logo, colours) and the settings any of its users may see (currency, time zone, locale, business type, plan).",
      ),
    })
    .input(emptyInput)
    .output(currentTenantOutput)
    .query(({ ctx }) => service.currentTenant(ctx.db, ctx.tenant)),

  byId: operatorProcedure
    .meta({
      openapi: rest("GET", "/tenants/{id}", "Get a tenant (operators)"),
    })
    .input(idInput("Tenant"))
    .output(tenantOutput)
    .query(({ ctx, input }) => service.getTenant(ctx.platform, input.id)),

  create: operatorProcedure
    .meta({
      errors: ["CONFLICT"],
      created: true,
      openapi: rest(
        "POST",
        "/tenants",
        "Create a tenant with its first owner (operators)",
        "Provisions the studio's database (migrated, seeded) and its owner. Without an owner password one is generated and returned in this response only.",
      ),
    })
    .input(createTenantInput)
    .output(createdTenantOutput)
    .mutation(({ ctx, input }) => service.createTenant(ctx.platform, ctx, input)),

  suspend: operatorProcedure
    .meta({
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/tenants/{id}/suspend",
        "Suspend a tenant (operators)",
        "Every request of the studio then answers 403 TENANT_SUSPENDED. Archived tenants: 409.",
      ),
    })
    .input(idInput("Tenant"))
    .output(tenantOutput)
    .mutation(({ ctx, input }) => service.changeStatus(ctx.platform, ctx, input.id, "suspended")),

  resume: operatorProcedure
    .meta({
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/tenants/{id}/resume",
        "Resume a suspended tenant (operators)",
        "The studio answers again. Archived or still provisioning tenants: 409.",
      ),
    })
    .input(idInput("Tenant"))
    .output(tenantOutput)
    .mutation(({ ctx, input }) => service.changeStatus(ctx.platform, ctx, input.id, "active")),
} satisfies TRPCRouterRecord;
