import type { TRPCResponse } from "@trpc/server/rpc";
import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { isoString } from "../../src/adapters/iso-string.js";
import { responseText, serializeOutput, serializeResponse } from "../../src/adapters/trpc-serialize.js";
import { outcome, valueTree } from "../support/values.js";

// The fast serializer is a contract: whatever it is given, the bytes are superjson's (or the error
// superjson throws, for a `__proto__` key).
const same = (value: unknown): void => {
  expect(outcome(() => JSON.stringify(serializeOutput(value)))).toBe(
    outcome(() => JSON.stringify(superjson.serialize(value))),
  );
};
const tree = valueTree(["a.b", "c\\d", "__proto__", "createdAt", "0"]);

describe("serializeOutput", () => {
  it("gives superjson's exact output for any tree of values", () => {
    fc.assert(fc.property(tree, same), { numRuns: 5000 });
  });

  it("gives superjson's output for an order list page, with its Dates annotated", () => {
    const at = new Date("2026-12-01T15:04:05.678Z");
    const row = (id: number) => ({
      id,
      number: `P-2026-${id}`,
      total: "12.50",
      late: false,
      promisedAt: null,
      createdAt: new Date(at.getTime() + id),
    });
    const page = { count: 2, page: 1, pageSize: 20, results: [row(1), row(2)] };
    same(page);
    expect(serializeOutput(page)).toMatchObject({ meta: { values: { "results.0.createdAt": ["Date"] } } });
  });

  it("orders the annotations as superjson does: an array's integer-like keys before dotted paths", () => {
    // Found by the property above: superjson merges per container, and JavaScript puts "1" first.
    same([[[new Date(0)], new Date(1)]]);
    same({ rows: [{ a: new Date(0), b: [new Date(1)] }, new Date(2)] });
  });

  it("keeps dotted and escaped keys that carry no annotation, and escapes those that do (via superjson)", () => {
    same({ "a.b": 1, "c\\d": "x", ok: new Date(3) });
    same({ "a.b": { when: new Date(4) } });
    same({ "x.y": new Date(5) });
    same({ rows: { 1: { a: new Date(0) }, 2: new Date(1) } });
  });

  it("hands shared references, root Dates and class instances to superjson", () => {
    const shared = new Date(0);
    same({ a: shared, b: shared });
    const obj = { x: 1 };
    same([obj, obj]);
    same(new Date(5));
    same({ m: new Map([["k", 1]]), s: new Set([1]) });
    same(Object.assign(new Array(3), { 0: 1, 2: 3 }));
    class Money {
      cents = 5;
    }
    same({ money: new Money() });
  });
});

describe("isoString", () => {
  it("is toISOString for every valid Date, extended years and times before 1970 included", () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (d) => {
        expect(isoString(d)).toBe(d.toISOString());
      }),
      { numRuns: 20_000 },
    );
    for (const ms of [
      0, -1, 1, -86_400_000, 8.64e15, -8.64e15, 253_402_300_799_999, 253_402_300_800_000, -62_167_219_200_001,
    ]) {
      expect(isoString(new Date(ms))).toBe(new Date(ms).toISOString());
    }
  });
});

describe("serializeResponse", () => {
  it("serializes results and error shapes as tRPC's transformTRPCResponse does with superjson", () => {
    const items: TRPCResponse[] = [
      { result: { data: { when: new Date(1) } } },
      { error: { message: "x", code: -32004, data: { path: "p" } } },
    ];
    expect(serializeResponse(items)).toEqual([
      { result: { data: superjson.serialize({ when: new Date(1) }) } },
      { error: superjson.serialize({ message: "x", code: -32004, data: { path: "p" } }) },
    ]);
  });
});

describe("responseText", () => {
  /** tRPC's own answer for a superjson router: its transformTRPCResponse, stringified. */
  const trpcText = (items: TRPCResponse | TRPCResponse[]) => {
    const one = (item: TRPCResponse) =>
      "error" in item
        ? { ...item, error: superjson.serialize(item.error) }
        : { ...item, result: { ...item.result, data: superjson.serialize(item.result.data) } };
    return JSON.stringify(Array.isArray(items) ? items.map(one) : one(items));
  };
  const sameText = (items: TRPCResponse | TRPCResponse[]): void => {
    expect(outcome(() => responseText(items))).toBe(outcome(() => trpcText(items)));
  };

  it("is the text of tRPC's superjson response for any result, single or batched", () => {
    const result = tree.map((data): TRPCResponse => ({ result: { data } }));
    fc.assert(fc.property(result, sameText), { numRuns: 3000 });
    fc.assert(fc.property(fc.array(result, { maxLength: 4 }), sameText), { numRuns: 1000 });
  });

  it("writes a batch of pages with their Dates annotated, errors and other shapes as tRPC does", () => {
    const page = (n: number) => ({
      count: 60,
      page: n,
      results: [{ id: n, createdAt: new Date(n * 1000), promisedAt: null, 'say "hi"': new Date(7) }],
    });
    const batch: TRPCResponse[] = [
      { result: { data: page(1) } },
      { error: { message: "x", code: -32004, data: { path: "p" } } },
      { result: { type: "data", data: page(2) } } as TRPCResponse,
      { result: { data: [new Date(1), { a: [new Date(2)] }] } },
      { result: { data: { 7: new Date(3), b: new Date(4) } } },
    ];
    sameText(batch);
    sameText(batch[0] as TRPCResponse);
    expect(JSON.parse(responseText(batch[0] as TRPCResponse))).toEqual({
      result: {
        data: {
          json: {
            ...page(1),
            results: [
              {
                id: 1,
                createdAt: "1970-01-01T00:00:01.000Z",
                promisedAt: null,
                'say "hi"': "1970-01-01T00:00:00.007Z",
              },
            ],
          },
          meta: { values: { "results.0.createdAt": ["Date"], 'results.0.say "hi"': ["Date"] }, v: 1 },
        },
      },
    });
  });
});
