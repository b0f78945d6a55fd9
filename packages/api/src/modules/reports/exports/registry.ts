import { clientsExport } from "../clients/export.js";
import { contractsExport } from "../contracts/export.js";
import { financialExport } from "../financial/export.js";
import { inventoryExport } from "../inventory/export.js";
import { productionExport } from "../production/export.js";
import type { ReportExport, ReportKey } from "../report-export.js";

/** Every report that exports, by key; a report not listed yet answers 404 on export. */
export const REPORT_EXPORTS: Partial<Record<ReportKey, ReportExport>> = {
  financial: financialExport,
  inventory: inventoryExport,
  production: productionExport,
  clients: clientsExport,
  contracts: contractsExport,
};
