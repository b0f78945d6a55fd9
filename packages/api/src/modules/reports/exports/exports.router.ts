import type { TRPCRouterRecord } from "@trpc/server";

export const exportsReports = {} satisfies TRPCRouterRecord;
