import type { TRPCRouterRecord } from "@trpc/server";

export const clientsReports = {} satisfies TRPCRouterRecord;
