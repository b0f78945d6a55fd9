import type { TRPCRouterRecord } from "@trpc/server";

// Made with `npm run gen:module -- appointments`; its procedures land with the business-core issue.
export const appointmentsRouter = {} satisfies TRPCRouterRecord;
