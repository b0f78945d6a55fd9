import type { MaterialCategory } from "@fotostudio/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { type Page, paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createMaterialInput,
  listCategoryInput,
  listMaterialsInput,
  materialOutput,
  type PatchMaterialInput,
  patchMaterialInput,
  replaceMaterialInput,
} from "./inventory.schema.js";
import * as service from "./inventory.service.js";
import { locationProcedures } from "./routers/locations.js";
import { movementProcedures } from "./routers/movements.js";
import { reportProcedures } from "./routers/reports.js";

/** Cost and margin are shown only to roles holding costs:read. */
const seesCosts = (ctx: AuthedContext) => ctx.auth.permissions.has("costs:read");

const shown = (ctx: AuthedContext, row: Parameters<typeof service.toMaterial>[0]) =>
  service.toMaterial(row, seesCosts(ctx));

const shownPage = (ctx: AuthedContext, page: Page<Parameters<typeof service.toMaterial>[0]>) => ({
  ...page,
  results: page.results.map((row) => shown(ctx, row)),
});

/** PUT and PATCH: the same change, a whole or a partial material. */
const update = async (ctx: AuthedContext, { id, ...changes }: PatchMaterialInput) => {
  await applied(ctx, service.updateMaterial(ctx.db, id, changes));
  return shown(ctx, await service.getMaterialWithStock(ctx.db, id));
};

const UPDATE_NOTE =
  "The unit must be one its category allows (400 on `unit`); varillas need `faceWidthMm`; a code already in use is 409 CONFLICT. Cost and margin are answered only to roles holding costs:read.";

/** A legacy per-category list (`GET /inventory/<category>`): the materials list with the category fixed. */
const categoryList = (category: MaterialCategory, what: string) =>
  authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        `/inventory/${category}`,
        `List ${what}`,
        `The materials of category ${category}, paginated; search matches code, name and subtype.`,
      ),
    })
    .input(listCategoryInput)
    .output(paginated(materialOutput))
    .query(async ({ ctx, input }) => shownPage(ctx, await service.listMaterials(ctx.db, { ...input, category })));

export const inventoryRouter = {
  list: authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        "/inventory/materials",
        "List materials",
        "The materials catalog, paginated; filter by category and active; search matches code, name and subtype.",
      ),
    })
    .input(listMaterialsInput)
    .output(paginated(materialOutput))
    .query(async ({ ctx, input }) => shownPage(ctx, await service.listMaterials(ctx.db, input))),

  // The stock ledger: movements, counts, locations, the check, alerts and reorder suggestions.
  ...movementProcedures,
  ...locationProcedures,
  ...reportProcedures,

  // The legacy lists: static paths, declared before /inventory/materials/{id}.
  varillas: categoryList("varillas", "frame mouldings"),
  pinturas: categoryList("pinturas", "artworks and paintings"),
  impresion: categoryList("impresion", "printing media"),
  recordatorio: categoryList("recordatorio", "souvenir materials"),
  software: categoryList("software", "software and equipment"),
  pintura: categoryList("pintura", "painting supplies"),
  diseno: categoryList("diseno", "design materials"),

  byId: authedProcedure
    .meta({ permission: "inventory:read", openapi: rest("GET", "/inventory/materials/{id}", "Get a material") })
    .input(idInput("Material"))
    .output(materialOutput)
    .query(async ({ ctx, input }) => shown(ctx, await service.getMaterialWithStock(ctx.db, input.id))),

  create: authedProcedure
    .meta({
      permission: "inventory:write",
      created: true,
      errors: ["CONFLICT"],
      openapi: rest("POST", "/inventory/materials", "Create a material", UPDATE_NOTE),
    })
    .input(createMaterialInput)
    .output(materialOutput)
    .mutation(async ({ ctx, input }) => {
      const row = await applied(ctx, service.createMaterial(ctx.db, input));
      return shown(ctx, await service.getMaterialWithStock(ctx.db, row.id));
    }),

  update: authedProcedure
    .meta({
      permission: "inventory:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "PUT",
        "/inventory/materials/{id}",
        "Replace a material",
        `Every field is set; omitted optional fields become empty or their default. ${UPDATE_NOTE}`,
      ),
    })
    .input(replaceMaterialInput)
    .output(materialOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patch: authedProcedure
    .meta({
      permission: "inventory:write",
      errors: ["CONFLICT"],
      openapi: rest("PATCH", "/inventory/materials/{id}", "Update some fields of a material", UPDATE_NOTE),
    })
    .input(patchMaterialInput)
    .output(materialOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  delete: authedProcedure
    .meta({
      permission: "inventory:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "DELETE",
        "/inventory/materials/{id}",
        "Delete a material",
        "A material with stock movements is kept for its history: 409 CONFLICT (deactivate it instead).",
      ),
    })
    .input(idInput("Material"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteMaterial(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
