import type { TRPCRouterRecord } from "@trpc/server";
import { clientsReports } from "./clients/clients.router.js";
import { contractsReports } from "./contracts/contracts.router.js";
import { exportsReports } from "./exports/exports.router.js";
import { financialReports } from "./financial/financial.router.js";
import { inventoryReports } from "./inventory/inventory.router.js";
import { productionReports } from "./production/production.router.js";

/** One folder per report (its schema, service, export layout and router part); the exports apart. */
export const reportsRouter = {
  ...financialReports,
  ...inventoryReports,
  ...productionReports,
  ...clientsReports,
  ...contractsReports,
  ...exportsReports,
} satisfies TRPCRouterRecord;
