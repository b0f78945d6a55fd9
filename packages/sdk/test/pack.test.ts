import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The SDK as a frontend gets it: built, packed, installed from the tarball into a plain npm
// project outside the workspace, then type-checked strictly (skipLibCheck off) and loaded.

const sdkDir = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const FORBIDDEN_IN_TYPES = [
  "mysqlTable",
  "drizzle-orm",
  "@fotostudio/db",
  "@fotostudio/api",
  "whatsapp_opt_in",
  "trpc-to-openapi",
  "zod",
];

/** pnpm (pack rewrites `catalog:`/`workspace:`; npm pack does not): the one running us, else PATH's. */
function pnpm(args: string[], cwd: string): string {
  const execPath = process.env.npm_execpath;
  if (execPath && basename(execPath).startsWith("pnpm")) {
    const viaNode = /\.[cm]?js$/.test(execPath);
    return run(viaNode ? process.execPath : execPath, viaNode ? [execPath, ...args] : args, cwd);
  }
  return run("pnpm", args, cwd);
}

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: "pipe",
      shell: process.platform === "win32",
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`);
  }
}

let work: string;
let app: string;

beforeAll(() => {
  pnpm(["run", "build"], sdkDir);
  work = mkdtempSync(join(tmpdir(), "fotostudio-sdk-"));
  pnpm(["pack", "--pack-destination", work], sdkDir);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${work}`);

  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "sdk-consumer", private: true, type: "module" }));
  run("npm", ["install", join(work, tarball), "--no-audit", "--no-fund", "--prefer-offline"], app);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("@fotostudio/sdk as published", () => {
  it("ships declarations with the API's types inlined and nothing of the server", () => {
    const dist = join(app, "node_modules/@fotostudio/sdk/dist");
    const declarations = readdirSync(dist).filter((f) => /\.d\.c?ts$/.test(f));
    expect(declarations.sort()).toEqual(["index.d.cts", "index.d.ts"]);
    for (const file of declarations) {
      const text = readFileSync(join(dist, file), "utf8");
      for (const word of FORBIDDEN_IN_TYPES) expect(text, `${file} names ${word}`).not.toContain(word);
      // The only packages the types may import are the SDK's own dependencies.
      const imported = [...text.matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const specifier of imported) expect(["@trpc/client", "@trpc/server"]).toContain(specifier);
      expect(text).toContain("whatsappOptIn");
    }
  });

  it("has no catalog: or workspace: specifier left in its package.json", () => {
    const text = readFileSync(join(app, "node_modules/@fotostudio/sdk/package.json"), "utf8");
    expect(text).not.toMatch(/catalog:|workspace:/);
  });

  it("type-checks in a strict consumer, ESM and CommonJS, and rejects wrong inputs and fields", () => {
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          skipLibCheck: false,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022", "DOM", "ESNext.Disposable"],
          types: [],
          noEmit: true,
        },
        include: ["*.ts", "*.cts"],
      }),
    );
    writeFileSync(join(app, "consumer.ts"), CONSUMER_ESM);
    writeFileSync(join(app, "consumer-cjs.cts"), CONSUMER_CJS);
    // Throws (with tsc's diagnostics) on a non-zero exit, unused @ts-expect-error included.
    run(process.execPath, [tsc, "--noEmit", "-p", "."], app);
  });

  it("loads with import and with require, and speaks tRPC with the tenant and token headers", () => {
    writeFileSync(join(app, "smoke.mjs"), smoke('const sdk = await import("@fotostudio/sdk");'));
    writeFileSync(join(app, "smoke.cjs"), smoke('const sdk = require("@fotostudio/sdk");'));
    for (const script of ["smoke.mjs", "smoke.cjs"]) {
      const report = JSON.parse(run(process.execPath, [script], app));
      expect(report, script).toEqual({
        url: "http://api.test/trpc/clients.byId?batch=1&input=%7B%220%22%3A%7B%22json%22%3A%7B%22id%22%3A1%7D%7D%7D",
        tenant: "demo",
        authorization: "Bearer tok",
        createdAtIsDate: true,
        errorCode: "NOT_FOUND",
        isAppError: true,
      });
    }
  });
});

const CONSUMER_ESM = `
import {
  type AppErrorCode,
  type AppRouter,
  createClient,
  errorCode,
  isAppError,
  type RouterInputs,
  type RouterOutputs,
} from "@fotostudio/sdk";

const client = createClient({ url: "http://127.0.0.1:3000/", tenant: "demo", getToken: async () => "token" });

export async function firstClientName(): Promise<string | undefined> {
  const result = await client.clients.list.query({ page: 1 });
  const name: string | undefined = result.results[0]?.name;
  const created: Date | undefined = result.results[0]?.createdAt;

  // @ts-expect-error name is a string
  await client.clients.create.mutate({ name: 123 });
  // @ts-expect-error outputs are camelCase, never the table's columns
  console.log(result.results[0]?.whatsapp_opt_in);

  try {
    await client.clients.byId.query({ id: 1 });
  } catch (err) {
    const code: string | undefined = errorCode(err);
    if (isAppError(err, "VALIDATION_ERROR")) {
      const typed: AppErrorCode | undefined = err.data?.code;
      console.log(typed, err.data?.httpStatus, err.data?.issues?.[0]?.path);
    }
    console.log(code);
  }
  // @ts-expect-error not a code the server knows
  isAppError(null, "NO_SUCH_CODE");

  const input: RouterInputs["clients"]["create"] = { name: "Ana", kind: "person" };
  const one: RouterOutputs["clients"]["byId"] | undefined = undefined;
  const router: AppRouter | undefined = undefined;
  console.log(created, input, one, router);
  return name;
}
`;

const CONSUMER_CJS = `
import sdk = require("@fotostudio/sdk");

const client = sdk.createClient({ url: "http://127.0.0.1:3000", tenant: "demo", token: "token" });

export async function clientName(id: number): Promise<string> {
  const found: sdk.RouterOutputs["clients"]["byId"] = await client.clients.byId.query({ id });
  // @ts-expect-error ids are numbers
  await client.clients.delete.mutate({ id: "1" });
  return found.name;
}
`;

/** A script that answers the SDK with a stub fetch, as the server would (superjson, batch). */
function smoke(load: string): string {
  // An async IIFE, not top-level await: the same body runs as CommonJS.
  return `(async () => {
${load}
const seen = [];
const json = (body, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const fetch = async (url, init) => {
  seen.push({ url: String(url), headers: new Headers(init.headers) });
  if (seen.length === 1) {
    return json([{ result: { data: { json: { id: 1, createdAt: "1970-01-01T00:00:00.000Z" }, meta: { values: { createdAt: ["Date"] } } } } }]);
  }
  return json([{ error: { json: { message: "Client 2 not found", code: -32004, data: { code: "NOT_FOUND", message: "Client 2 not found", httpStatus: 404, path: "clients.byId" } } } }], 404);
};
const api = sdk.createClient({ url: "http://api.test/", tenant: "demo", token: "tok", fetch });
const found = await api.clients.byId.query({ id: 1 });
const error = await api.clients.byId.query({ id: 2 }).then(() => undefined, (e) => e);
console.log(JSON.stringify({
  url: seen[0].url,
  tenant: seen[0].headers.get("x-tenant-id"),
  authorization: seen[0].headers.get("authorization"),
  createdAtIsDate: found.createdAt instanceof Date,
  errorCode: sdk.errorCode(error),
  isAppError: sdk.isAppError(error, "NOT_FOUND"),
}));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;
}
