import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  target: ["node18", "es2022"],
  // Browsers and Node alike: no Node built-ins, no polyfills.
  platform: "neutral",
  sourcemap: true,
  clean: true,
  external: ["@trpc/client", "@trpc/server", "superjson"],
  dts: {
    // The published declarations must name no private package and no server dependency, so:
    // - `@fotostudio/api` points at the declarations `build:types` emits (not its src, not the
    //   package): as a local file, rollup-plugin-dts inlines it and tree-shakes what AppRouter
    //   does not reach (services, Drizzle, zod schemas);
    // - `trpc-to-openapi` (named by the router's meta type) points at a local stand-in, so
    //   consumers need neither it nor zod-openapi;
    // - no `resolve`: it would also try to inline zod and drizzle-orm from node_modules. Anything
    //   else the API types still named would stay an `import`, and test/pack.test.ts fails on it.
    compilerOptions: {
      paths: {
        "@fotostudio/api": ["../api/dist/types/index.d.ts"],
        "trpc-to-openapi": ["./src/shims/trpc-to-openapi.d.ts"],
      },
    },
  },
});
