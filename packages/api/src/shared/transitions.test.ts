import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { assertTransition, canMove, machine, statesOf } from "./transitions.js";

const door = machine({ open: ["closed"], closed: ["open", "locked"], locked: [] });

describe("state machines", () => {
  it("lists the states in declaration order", () => {
    expect(statesOf(door)).toEqual(["open", "closed", "locked"]);
  });

  it("allows exactly the declared edges", () => {
    const moves = statesOf(door).flatMap((from) => statesOf(door).map((to) => [from, to, canMove(door, from, to)]));
    expect(moves.filter(([, , ok]) => ok).map(([from, to]) => `${from}→${to}`)).toEqual([
      "open→closed",
      "closed→open",
      "closed→locked",
    ]);
  });

  it("refuses any other move with 409 ILLEGAL_TRANSITION naming what is allowed, or that the state is final", () => {
    expect(() => assertTransition(door, "The door", "closed", "locked")).not.toThrow();
    const refused = (() => {
      try {
        assertTransition(door, "The door", "open", "locked");
      } catch (error) {
        return error as AppError;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused?.appCode).toBe("ILLEGAL_TRANSITION");
    expect(refused?.status).toBe(409);
    expect(refused?.message).toBe("The door cannot go from open to locked (from open: closed)");
    expect(() => assertTransition(door, "The door", "locked", "open")).toThrow("(locked is final)");
  });
});
