import { tenantStatuses, tenants } from "@fotostudio/db";
import { z } from "zod";
import { email } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

export const tenantStatus = z
  .enum(tenantStatuses)
  .describe("provisioning (being created), active, suspended (every request 403), archived (gone for good)")
  .meta({ example: "active" });

export const tenantSort = sortable(
  { slug: tenants.slug, name: tenants.name, createdAt: tenants.createdAt, id: tenants.id },
  "slug",
);

export const listTenantsInput = pageInput.extend({
  status: tenantStatus.optional().describe("Only tenants in this status"),
  ordering: tenantSort.ordering,
});
export type ListTenantsInput = z.infer<typeof listTenantsInput>;

/** What an operator sees of a tenant, placement included. */
export const tenantOutput = z
  .object({
    id: z.number().int(),
    slug: z.string().describe("Subdomain and X-Tenant-ID value"),
    name: z.string(),
    businessType: z.string(),
    plan: z.string(),
    status: tenantStatus,
    server: z.string().describe("The database server holding the studio's database"),
    databaseName: z.string().meta({ example: "fotostudio_t_estudio_luz" }),
    schemaVersion: z.number().int().describe("Tenant migrations applied to its database"),
    timeZone: z.string().meta({ example: "America/Lima" }),
    currency: z.string().meta({ example: "PEN" }),
    domains: z
      .array(z.object({ domain: z.string(), primary: z.boolean() }))
      .describe("Custom domains")
      .meta({ example: [{ domain: "fotos.estudioluz.pe", primary: true }] }),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Tenant" });
export type Tenant = z.infer<typeof tenantOutput>;

export const createTenantInput = z.object({
  slug: z
    .string()
    .trim()
    .max(63)
    .describe("3-41 characters: lower-case letters, digits and dashes, starting with a letter; becomes the subdomain")
    .meta({ example: "estudio-luz" }),
  name: z.string().trim().min(1).max(200).describe("The studio's name").meta({ example: "Estudio Luz" }),
  businessType: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe("Default photo_framing")
    .meta({ example: "photo_framing" }),
  plan: z.string().trim().min(1).max(50).optional().describe("Default standard").meta({ example: "standard" }),
  server: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("Database server name; default the least loaded")
    .meta({ example: "primary" }),
  owner: z
    .object({
      email: email("The first owner's login e-mail").meta({ example: "lucia@estudioluz.pe" }),
      name: z
        .string()
        .trim()
        .min(1)
        .max(200)
        .optional()
        .describe("Display name; default the e-mail's local part")
        .meta({ example: "Lucía Paredes" }),
      password: z
        .string()
        .min(1)
        .max(256)
        .optional()
        .describe("At least 10 characters; omit it to have one generated and returned once")
        .meta({ example: "cambia-esta-clave-2026" }),
    })
    .describe("The studio's first user, with the owner role"),
});

export const createdTenantOutput = tenantOutput
  .extend({
    owner: z.object({
      email: z.string(),
      password: z
        .string()
        .nullable()
        .describe("The generated password: shown in this response only, never stored in clear. Null when given"),
    }),
  })
  .meta({ id: "CreatedTenant" });

/** What any user of a studio may see of it: no placement, no database. */
export const currentTenantOutput = z
  .object({
    slug: z.string(),
    name: z.string(),
    businessName: z
      .string()
      .describe("The name to show: the trade name, else the legal name (config/business), else the studio's name")
      .meta({ example: "Estudio Luz" }),
    logoUrl: z
      .string()
      .nullable()
      .describe("The studio's logo (`/media/<key>`, no token needed); null when none was uploaded")
      .meta({ example: null }),
    primaryColour: z.string().describe("Brand colour").meta({ example: "#1f2937" }),
    secondaryColour: z.string().describe("Second brand colour").meta({ example: "#f59e0b" }),
    currency: z.string().describe("ISO 4217 currency code (config/system)").meta({ example: "PEN" }),
    timeZone: z
      .string()
      .describe("IANA time zone of the studio's calendar (config/system)")
      .meta({ example: "America/Lima" }),
    locale: z.string().describe("BCP 47 locale (config/system)").meta({ example: "es-PE" }),
    businessType: z.string(),
    plan: z.string(),
  })
  .meta({ id: "CurrentTenant" });
export type CurrentTenant = z.infer<typeof currentTenantOutput>;
