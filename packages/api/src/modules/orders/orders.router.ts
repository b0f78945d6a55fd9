import type { TRPCRouterRecord } from "@trpc/server";

// Made with `npm run gen:module -- orders`; its procedures land with the business-core issue.
export const ordersRouter = {} satisfies TRPCRouterRecord;
