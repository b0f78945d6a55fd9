import { defineConfig } from "tsup";

// The deployable: our workspace packages are bundled in (they export TypeScript source);
// every npm dependency stays external and is resolved from apps/server's own node_modules,
// which is why the server lists the runtime dependencies of @fotostudio/api and /db too.
export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node20",
  sourcemap: true,
  clean: true,
  splitting: false,
  noExternal: [/^@fotostudio\//],
  external: [/^[^./]/],
});
