import type { TRPCRouterRecord } from "@trpc/server";

// Made with `npm run gen:module -- contracts`; its procedures land with the business-core issue.
export const contractsRouter = {} satisfies TRPCRouterRecord;
