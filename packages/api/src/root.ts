import { authRouter } from "./modules/auth/auth.router.js";
import { clientsRouter } from "./modules/clients/clients.router.js";
import { platformRouter } from "./modules/platform/platform.router.js";
import { tenantsRouter } from "./modules/platform/tenants.router.js";
import { rolesRouter } from "./modules/roles/roles.router.js";
import { usersRouter } from "./modules/users/users.router.js";
import { router } from "./trpc.js";

export const appRouter = router({
  auth: authRouter,
  clients: clientsRouter,
  platform: platformRouter,
  roles: rolesRouter,
  tenants: tenantsRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
