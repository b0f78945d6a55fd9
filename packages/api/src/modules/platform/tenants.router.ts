import { z } from "zod";
import { rest } from "../../shared/openapi-meta.js";
import { idInput, paginated } from "../../shared/pagination.js";
import { authedProcedure, operatorProcedure, router } from "../../trpc.js";
import {
  createdTenantOutput,
  createTenantInput,
  currentTenantOutput,
  listTenantsInput,
  tenantOutput,
} from "./tenants.schema.js";
import * as service from "./tenants.service.js";

const tags = ["tenants"];

export const tenantsRouter = router({
  list: operatorProcedure
    .meta({
      permission: "operator",
      openapi: rest("GET", "/tenants", "List tenants (operators)", {
        tenant: false,
        tags,
        description:
          "Every studio with its plan, status, database server, schema version and domains; search matches slug and name.",
      }),
    })
    .input(listTenantsInput)
    .output(paginated(tenantOutput))
    .query(({ ctx, input }) => service.listTenants(ctx.platform, input)),

  // Declared before byId: REST matches paths in order, and /tenants/{id} would take "current".
  current: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: rest("GET", "/tenants/current", "The studio of this request", {
        tags,
        description: "Name, slug and the settings any of its users may see (time zone, currency, business type, plan).",
      }),
    })
    .input(z.object({}).optional())
    .output(currentTenantOutput)
    .query(({ ctx: { tenant } }) => ({
      slug: tenant.slug,
      name: tenant.name,
      timeZone: tenant.timeZone,
      currency: tenant.currency,
      businessType: tenant.businessType,
      plan: tenant.plan,
    })),

  byId: operatorProcedure
    .meta({
      permission: "operator",
      openapi: rest("GET", "/tenants/{id}", "Get a tenant (operators)", { tenant: false, tags }),
    })
    .input(idInput)
    .output(tenantOutput)
    .query(({ ctx, input }) => service.getTenant(ctx.platform, input.id)),

  create: operatorProcedure
    .meta({
      permission: "operator",
      created: true,
      openapi: rest("POST", "/tenants", "Create a tenant with its first owner (operators)", {
        tenant: false,
        tags,
        description:
          "Provisions the studio's database (migrated, seeded) and its owner. Without an owner password one is generated and returned in this response only.",
      }),
    })
    .input(createTenantInput)
    .output(createdTenantOutput)
    .mutation(({ ctx, input }) => service.createTenant(ctx.platform, ctx, input)),

  suspend: operatorProcedure
    .meta({
      permission: "operator",
      openapi: rest("POST", "/tenants/{id}/suspend", "Suspend a tenant (operators)", {
        tenant: false,
        tags,
        description: "Every request of the studio then answers 403 TENANT_SUSPENDED. Archived tenants: 409.",
      }),
    })
    .input(idInput)
    .output(tenantOutput)
    .mutation(({ ctx, input }) => service.changeStatus(ctx.platform, ctx, input.id, "suspended")),

  resume: operatorProcedure
    .meta({
      permission: "operator",
      openapi: rest("POST", "/tenants/{id}/resume", "Resume a suspended tenant (operators)", {
        tenant: false,
        tags,
        description: "The studio answers again. Archived or still provisioning tenants: 409.",
      }),
    })
    .input(idInput)
    .output(tenantOutput)
    .mutation(({ ctx, input }) => service.changeStatus(ctx.platform, ctx, input.id, "active")),
});
