import type { TRPCRouterRecord } from "@trpc/server";

export const productionReports = {} satisfies TRPCRouterRecord;
