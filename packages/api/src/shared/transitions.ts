import { AppError } from "../errors.js";

/**
 * A state machine: for each state, the states it may move to. Orders, contracts, appointments
 * (and later production orders and products) declare theirs with `machine()` and check every
 * move with `assertTransition`, so an illegal move is the same 409 everywhere and changes nothing.
 */
export type Machine<S extends string> = Readonly<Record<S, readonly S[]>>;

export const machine = <S extends string>(edges: Record<S, readonly S[]>): Machine<S> => edges;

/** The states of a machine, in declaration order (for docs and the table tests). */
export const statesOf = <S extends string>(m: Machine<S>): S[] => Object.keys(m) as S[];

export const canMove = <S extends string>(m: Machine<S>, from: S, to: S): boolean => m[from].includes(to);

/** 409 ILLEGAL_TRANSITION unless `from → to` is an edge of the machine. */
export function assertTransition<S extends string>(m: Machine<S>, what: string, from: S, to: S): void {
  if (canMove(m, from, to)) return;
  const allowed = m[from];
  throw new AppError(
    "ILLEGAL_TRANSITION",
    `${what} cannot go from ${from} to ${to}${allowed.length ? ` (from ${from}: ${allowed.join(", ")})` : ` (${from} is final)`}`,
  );
}
