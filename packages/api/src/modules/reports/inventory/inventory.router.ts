import type { TRPCRouterRecord } from "@trpc/server";

export const inventoryReports = {} satisfies TRPCRouterRecord;
