import type { TRPCRouterRecord } from "@trpc/server";

export const financialReports = {} satisfies TRPCRouterRecord;
