import { appointmentsRouter } from "./modules/appointments/appointments.router.js";
import { auditRouter } from "./modules/audit/audit.router.js";
import { authRouter } from "./modules/auth/auth.router.js";
import { clientsRouter } from "./modules/clients/clients.router.js";
import { configRouter } from "./modules/config/config.router.js";
import { contractsRouter } from "./modules/contracts/contracts.router.js";
import { dashboardRouter } from "./modules/dashboard/dashboard.router.js";
import { inventoryRouter } from "./modules/inventory/inventory.router.js";
import { metricsRouter } from "./modules/metrics/metrics.router.js";
import { ordersRouter } from "./modules/orders/orders.router.js";
import { platformRouter } from "./modules/platform/platform.router.js";
import { productionRouter } from "./modules/production/production.router.js";
import { productsRouter } from "./modules/products/products.router.js";
import { reportsRouter } from "./modules/reports/reports.router.js";
import { rolesRouter } from "./modules/roles/roles.router.js";
import { tenantsRouter } from "./modules/tenants/tenants.router.js";
import { usersRouter } from "./modules/users/users.router.js";
import { router } from "./trpc.js";

/** Every module's procedures under its key: the key is the tRPC prefix and the REST docs' tag. */
export const appRouter = router({
  appointments: appointmentsRouter,
  audit: auditRouter,
  auth: authRouter,
  clients: clientsRouter,
  config: configRouter,
  contracts: contractsRouter,
  dashboard: dashboardRouter,
  inventory: inventoryRouter,
  metrics: metricsRouter,
  orders: ordersRouter,
  platform: platformRouter,
  production: productionRouter,
  products: productsRouter,
  reports: reportsRouter,
  roles: rolesRouter,
  tenants: tenantsRouter,
  users: usersRouter,
});

export type AppRouter = typeof appRouter;
/** The modules' keys (`clients`, `users`…). */
export type ModuleKey = keyof typeof appRouter._def.record;
