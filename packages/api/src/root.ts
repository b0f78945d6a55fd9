import { authRouter } from "./modules/auth/auth.router.js";
import { clientsRouter } from "./modules/clients/clients.router.js";
import { router } from "./trpc.js";

export const appRouter = router({
  auth: authRouter,
  clients: clientsRouter,
});

export type AppRouter = typeof appRouter;
