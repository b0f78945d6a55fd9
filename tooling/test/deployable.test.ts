import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// The server's bundle (apps/server/tsup.config.ts) inlines our workspace packages and leaves every
// npm package external, resolved from apps/server's own node_modules when `npm start` runs it. With
// pnpm's strict layout a package only @fotostudio/api declares is not there: the build succeeds
// and the server dies at start with ERR_MODULE_NOT_FOUND. So the server declares them all.

const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
const npmDependencies = (dir: string) =>
  Object.entries(manifest(dir).dependencies ?? {})
    .filter(([, version]) => !version.startsWith("workspace:"))
    .map(([name]) => name);

describe("the deployable server", () => {
  it("declares every runtime dependency of the workspace packages it bundles", () => {
    const server = new Set(npmDependencies("apps/server"));
    const missing = ["packages/api", "packages/db"].flatMap((dir) =>
      npmDependencies(dir)
        .filter((name) => !server.has(name))
        .map((name) => `${name} (from ${dir})`),
    );
    expect(missing).toEqual([]);
  });
});
