#!/usr/bin/env node
// `npm run gen:module -- <name>`: a new module from the kit, so that the fifteenth looks like the
// first. Writes the table, the module's schema, service and router, its end-to-end test, registers
// it (schema index, root router, permissions, docs tag), generates its migration with drizzle-kit,
// and formats what it wrote. `npm run check` and `npm test` pass on the result.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { namesOf } from "./names.mjs";
import { register } from "./register.mjs";
import * as templates from "./templates.mjs";
import { testFile } from "./test-template.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const USAGE = `Usage: npm run gen:module -- <name>

  <name>  the module, plural and kebab-case: widgets, price-lists

Writes packages/db/src/schema/tenant/<name>.ts, packages/api/src/modules/<name>/<name>.{schema,service,router}.ts
and apps/server/test/modules/<name>.test.ts; registers the module (schema index, root.ts, permissions.ts,
the docs tag); generates its migration under drizzle/tenant. Then: npm run check && npm test.`;

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

/** @param {string[]} argv */
export function main(argv) {
  const args = argv.filter((a) => a !== "--");
  if (args.length !== 1 || args[0] === "--help" || args[0] === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return args.length === 1 ? 0 : 2;
  }
  const n = namesOf(/** @type {string} */ (args[0]));
  const files = {
    [`packages/db/src/schema/tenant/${n.kebab}.ts`]: templates.table(n),
    [`packages/api/src/modules/${n.kebab}/${n.kebab}.schema.ts`]: templates.schema(n),
    [`packages/api/src/modules/${n.kebab}/${n.kebab}.service.ts`]: templates.service(n),
    [`packages/api/src/modules/${n.kebab}/${n.kebab}.router.ts`]: templates.router(n),
    [`apps/server/test/modules/${n.kebab}.test.ts`]: testFile(n),
  };
  const existing = Object.keys(files).filter((f) => fs.existsSync(path.join(root, f)));
  if (existing.length > 0) throw new Error(`module "${n.kebab}" exists already: ${existing.join(", ")}`);

  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  const edited = register(root, n).map((f) => path.relative(root, f));
  run("pnpm", [
    "--filter",
    "@fotostudio/db",
    "exec",
    "drizzle-kit",
    "generate",
    "--config",
    "drizzle.tenant.config.ts",
    "--name",
    `create_${n.table}`,
  ]);
  run("pnpm", ["exec", "biome", "check", "--write", ...Object.keys(files), ...edited]);
  process.stdout.write(
    `\nModule ${n.key} written:\n${[...Object.keys(files), ...edited, `drizzle/tenant/*_create_${n.table}.sql`]
      .map((f) => `  ${f}`)
      .join(
        "\n",
      )}\n\nNext: give its table its real columns (then npm run db:generate), its rules to the service, and run npm run check && npm test.\n`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`gen:module: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
