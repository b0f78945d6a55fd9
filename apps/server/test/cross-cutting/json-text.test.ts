import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonText } from "../../src/adapters/json-text.js";
import { outcome, valueTree } from "../support/values.js";

// REST bodies are JSON.stringify's text, whatever a procedure returns: jsonText only formats the
// Dates before JSON.stringify sees them.
const same = (value: unknown): void => {
  expect(outcome(() => jsonText(value))).toBe(outcome(() => JSON.stringify(value)));
};
const tree = valueTree(["__proto__", "toJSON", "createdAt", "0", "constructor"]);

describe("jsonText", () => {
  it("is JSON.stringify's text (or its error) for any tree of values", () => {
    fc.assert(fc.property(tree, same), { numRuns: 5000 });
  });

  it("formats a list page's Dates, leaving the page it was given as it was", () => {
    const createdAt = new Date("2026-12-01T15:04:05.678Z");
    const page = { count: 1, results: [{ id: 1, createdAt, promisedAt: null, tags: ["a"] }] };
    expect(jsonText(page)).toBe(
      '{"count":1,"results":[{"id":1,"createdAt":"2026-12-01T15:04:05.678Z","promisedAt":null,"tags":["a"]}]}',
    );
    expect(page.results[0]?.createdAt).toBe(createdAt);
  });

  it("leaves to JSON.stringify what it treats specially", () => {
    class Money {
      constructor(readonly cents: number) {}
      toJSON() {
        return (this.cents / 100).toFixed(2);
      }
    }
    const when = new Date(0);
    same({ price: new Money(1250), when });
    same({ own: { toJSON: () => "mine" }, when });
    same({ date: Object.assign(new Date(0), { toJSON: () => "patched" }) });
    same({ date: new (class Day extends Date {})(0) });
    same([new Date(Number.NaN), new Date(8.64e15), new Date(-1)]);
    // An own "__proto__" property (as JSON.parse makes them), holding a Date.
    const ownProto = JSON.parse('{"__proto__": {"at": 0}, "b": 1}');
    const inner = Object.getOwnPropertyDescriptor(ownProto, "__proto__")?.value as { at: unknown };
    inner.at = when;
    same(ownProto);
    same(Object.assign(Object.create(null), { at: when }));
    same({ buffer: Buffer.from("hi"), when });
    same({ map: new Map([["a", when]]), when });
    const cycle: Record<string, unknown> = { when };
    cycle.self = cycle;
    expect(outcome(() => jsonText(cycle))).toMatch(/^throws TypeError: Converting circular structure/);
  });
});
