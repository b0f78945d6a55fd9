import { createClient, errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

// What /trpc does whatever the module: batching through the SDK, and errors with their stable code.
const it = studioTest();

describe("tRPC transport", () => {
  it("batches calls of one tick into a single HTTP request", async ({ studio }) => {
    const { id } = await studio.owner.sdk.clients.create.mutate({ name: "Por lotes", phone: "+51 987 654 321" });
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const sdk = studio.sdk({ token: studio.owner.token, fetch: counting });
    const [a, b, c] = await Promise.all([
      sdk.clients.list.query({}),
      sdk.clients.schools.query({}),
      sdk.clients.byId.query({ id }),
    ]);
    expect(requests).toBe(1);
    expect(a.page).toBe(1);
    expect(b.results.every((s) => s.kind === "school")).toBe(true);
    expect(c.createdAt).toBeInstanceOf(Date);
  });

  it("surfaces errors with their stable code", async ({ studio }) => {
    const ghost = createClient({ url: studio.url, tenant: "no-such-studio" });
    expect(errorCode(await ghost.clients.list.query({}).catch((e: unknown) => e))).toBe("TENANT_NOT_FOUND");
    // @ts-expect-error name must be a string: the server validates too
    const invalid = await studio.owner.sdk.clients.create.mutate({ name: 42 }).catch((e: unknown) => e);
    expect(errorCode(invalid)).toBe("VALIDATION_ERROR");
  });
});
