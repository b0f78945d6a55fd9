import type { TRPCRouterRecord } from "@trpc/server";

// Made with `npm run gen:module -- config`; its procedures land with the business-core issue.
export const configRouter = {} satisfies TRPCRouterRecord;
