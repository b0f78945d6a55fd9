import type { TRPCRouterRecord } from "@trpc/server";
import { entryProcedures } from "./entries.router.js";
import { groupProcedures, logoProcedures } from "./groups.router.js";
import { serviceProcedures } from "./services.router.js";

/**
 * Studio settings: the typed groups (and the logo), the service catalog, the free key/value
 * entries. In this order: REST matches paths as declared, and /config/{id} would take the static
 * paths (/config/system, /config/services…) declared after it.
 */
export const configRouter = {
  ...groupProcedures,
  ...logoProcedures,
  ...serviceProcedures,
  ...entryProcedures,
} satisfies TRPCRouterRecord;
