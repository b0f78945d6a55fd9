import type { TRPCRouterRecord } from "@trpc/server";

export const contractsReports = {} satisfies TRPCRouterRecord;
