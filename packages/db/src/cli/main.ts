import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { DrizzleQueryError } from "drizzle-orm";
import { ZodError, z } from "zod";
import { CacheChangeLog, REGISTRY_CHANGED } from "../cache-changes.js";
import { dbConfigFromEnv } from "../config.js";
import { createDataLayer, type DataLayer } from "../data-layer.js";
import { MigrationError } from "../migrations.js";
import { OperatorError } from "../operators.js";
import { ProvisioningError } from "../provisioning.js";
import { TenantAdminError } from "../tenant-admin.js";
import * as commands from "./commands.js";
import { CliError } from "./commands.js";
import { type CliIo, processIo } from "./format.js";

const USAGE = `usage: pnpm tenants <command> [options]

commands:
  create <slug> --name "…" [--plan X] [--business-type X] [--server NAME]
         [--owner-email E] [--owner-name N] [--owner-password P]
                                   provision a tenant (resumes a half-provisioned one) with its
                                   first owner; without --owner-password one is generated and
                                   printed once
  list                             every tenant: plan, status, server, schema version
  migrate [--all] [--concurrency N] [slug…]
                                   migrate the control DB, then the tenants that are behind
                                   (--all: check every tenant; slugs: only those)
  add-domain <slug> <domain> [--primary]
  suspend <slug>                   requests answer 403 TENANT_SUSPENDED
  resume <slug>                    back to active
  archive <slug>                   permanent: no requests, no migrations
  dev-setup                        control DB + demo tenants (demo, norte), all migrated; never in production
  operator create <email> [--name "…"] [--password P]
                                   a platform operator (API: /api/platform/auth/login/); without
                                   --password one is generated and printed once
  help

The database comes from DATABASE_URL / DB_SERVERS, or the local MariaDB (pnpm db:start).`;

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = ReturnType<typeof parseArgs>["values"];

interface Command {
  options: Options;
  /** Positional arguments: [min, max]. */
  arity: [number, number];
  /** Resolves false when the command failed in a way it already reported (exit 1). */
  run(layer: DataLayer, io: CliIo, args: string[], values: Values): Promise<unknown>;
}

const str = (v: Values[string]) => (typeof v === "string" ? v : undefined);

const COMMANDS: Record<string, Command> = {
  create: {
    options: {
      name: { type: "string" },
      plan: { type: "string" },
      "business-type": { type: "string" },
      server: { type: "string" },
      "owner-email": { type: "string" },
      "owner-name": { type: "string" },
      "owner-password": { type: "string" },
    },
    arity: [1, 1],
    run: (layer, io, [slug], v) => {
      const name = str(v.name)?.trim();
      if (!name) throw new CliError('create needs --name "Studio name"');
      const ownerEmail = str(v["owner-email"])?.trim();
      if (ownerEmail !== undefined && !z.email().safeParse(ownerEmail).success) {
        throw new CliError(`--owner-email: "${ownerEmail}" is not an e-mail address`);
      }
      if (!ownerEmail && (v["owner-name"] !== undefined || v["owner-password"] !== undefined)) {
        throw new CliError("--owner-name and --owner-password need --owner-email");
      }
      return commands.create(layer, io, slug as string, {
        name,
        plan: str(v.plan),
        businessType: str(v["business-type"]),
        server: str(v.server),
        owner: ownerEmail
          ? { email: ownerEmail, name: str(v["owner-name"]), password: str(v["owner-password"]) }
          : undefined,
      });
    },
  },
  list: { options: {}, arity: [0, 0], run: (layer, io) => commands.list(layer, io) },
  migrate: {
    options: { all: { type: "boolean" }, concurrency: { type: "string" } },
    arity: [0, Number.POSITIVE_INFINITY],
    run: (layer, io, slugs, v) => {
      const concurrency = commands.concurrencySchema.safeParse(str(v.concurrency) ?? 4);
      if (!concurrency.success) {
        throw new CliError(`--concurrency: a whole number from 1 to 64, not "${str(v.concurrency)}"`);
      }
      return commands.migrate(layer, io, { all: v.all === true, concurrency: concurrency.data, slugs });
    },
  },
  "add-domain": {
    options: { primary: { type: "boolean" } },
    arity: [2, 2],
    run: (layer, io, [slug, domain], v) =>
      commands.domain(layer, io, slug as string, domain as string, v.primary === true),
  },
  suspend: {
    options: {},
    arity: [1, 1],
    run: (layer, io, [slug]) => commands.status(layer, io, slug as string, "suspended"),
  },
  resume: {
    options: {},
    arity: [1, 1],
    run: (layer, io, [slug]) => commands.status(layer, io, slug as string, "active"),
  },
  archive: {
    options: {},
    arity: [1, 1],
    run: (layer, io, [slug]) => commands.status(layer, io, slug as string, "archived"),
  },
  "dev-setup": { options: {}, arity: [0, 0], run: (layer, io) => commands.devSetup(layer, io) },
  operator: {
    options: { name: { type: "string" }, password: { type: "string" } },
    arity: [2, 2],
    run: (layer, io, [sub, email], v) => {
      if (sub !== "create") throw new CliError(`operator: unknown subcommand "${sub}" (operator create <email>)`);
      return commands.operatorCreate(layer, io, email as string, { name: str(v.name), password: str(v.password) });
    },
  },
};

/**
 * Runs one command line; resolves with the exit code. `pnpm tenants` runs it on the process's
 * arguments, streams and environment; tests run it in-process with their own `io`.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const { out, err } = io;
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    out(USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(`✖ unknown command "${name}"\n\n${USAGE}`);
    return 1;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    err(`✖ ${(error as Error).message} (pnpm tenants help)`);
    return 1;
  }
  const [min, max] = command.arity;
  if (parsed.positionals.length < min || parsed.positionals.length > max) {
    err(`✖ ${name}: expected ${min === max ? min : `${min} or more`} argument(s) (pnpm tenants help)`);
    return 1;
  }

  let layer: DataLayer | undefined;
  let changed = false;
  try {
    layer = createDataLayer(dbConfigFromEnv(io.env));
    layer.registry.onInvalidate(() => {
      changed = true;
    });
    const ok = await command.run(layer, io, parsed.positionals, parsed.values);
    return ok === false ? 1 : 0;
  } catch (error) {
    err(`✖ ${describeError(error)}`);
    if (io.env.DEBUG && error instanceof Error && !isExpected(error)) err(error.stack ?? "");
    return 1;
  } finally {
    if (layer && changed) await tellAppNodes(layer, io);
    await layer?.close();
  }
}

/**
 * The command changed tenants or domains (a suspension, a new domain, a migration): the running
 * app nodes hear of it as they hear each other (a `tenants` row in cache_changes; the relay in
 * packages/api/src/sessions/relay.ts), and drop their registries' answers within a few reads
 * instead of serving the old ones for TENANT_CACHE_TTL_MS.
 */
async function tellAppNodes(layer: DataLayer, io: CliIo): Promise<void> {
  try {
    await new CacheChangeLog(layer.controlAs("tenants.cli")).append([{ ...REGISTRY_CHANGED, node: "cli" }]);
  } catch (error) {
    io.err(`! the app nodes were not told (${describeError(error)}): they see the change within TENANT_CACHE_TTL_MS`);
  }
}

function isExpected(error: Error): boolean {
  return (
    error instanceof CliError ||
    error instanceof ProvisioningError ||
    error instanceof TenantAdminError ||
    error instanceof MigrationError ||
    error instanceof OperatorError ||
    error instanceof ZodError
  );
}

function describeError(error: unknown): string {
  if (error instanceof ZodError) {
    return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
  }
  if (error instanceof ProvisioningError || error instanceof TenantAdminError || error instanceof OperatorError)
    return `${error.message} (${error.code})`;
  // Drizzle wraps driver errors as "Failed query: <sql> params: …": the cause says what went wrong.
  if (error instanceof DrizzleQueryError && error.cause) return describeError(error.cause);
  if (error instanceof Error) {
    // Driver errors (wrong password, server down) carry their useful part in `code`.
    const code = (error as { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

// `tsx src/cli/main.ts …` (pnpm tenants): run the command line. Imported (tests): just export main.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      processIo.err(`✖ ${describeError(error)}`);
      process.exitCode = 1;
    },
  );
}
