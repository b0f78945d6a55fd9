import { clientsRouter } from "./modules/clients/clients.router.js";
import { router } from "./trpc.js";

export const appRouter = router({
  clients: clientsRouter,
});

export type AppRouter = typeof appRouter;
