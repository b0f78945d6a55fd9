import { defineConfig } from "drizzle-kit";

// Migrations are generated only (`pnpm db:generate`), never pushed: `push` breaks on MariaDB.
export default defineConfig({
  dialect: "mysql",
  casing: "snake_case",
  schema: "./src/schema/control/index.ts",
  out: "../../drizzle/control",
});
