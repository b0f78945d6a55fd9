import type { Logger } from "../context.js";

/**
 * Work that must wait for the mutation's transaction to end: files stored for a row that rolled
 * back are removed, files a committed change replaced are deleted. Storage is not transactional,
 * so these run after the database has decided; a failure is logged (an orphaned file is wasted
 * space), never the request's failure.
 */
export interface Effects {
  afterCommit(fn: () => Promise<void>): void;
  afterRollback(fn: () => Promise<void>): void;
}

export function collectEffects(log: Logger) {
  const committed: (() => Promise<void>)[] = [];
  const rolledBack: (() => Promise<void>)[] = [];
  const run = async (fns: (() => Promise<void>)[]) => {
    for (const fn of fns.splice(0)) {
      try {
        await fn();
      } catch (error) {
        log.warn({ err: error }, "an after-transaction step failed");
      }
    }
  };
  return {
    effects: {
      afterCommit: (fn) => void committed.push(fn),
      afterRollback: (fn) => void rolledBack.push(fn),
    } satisfies Effects,
    committed: () => run(committed),
    rolledBack: () => run(rolledBack),
  };
}

const onlyMutations = () => {
  throw new Error("after-transaction effects belong to mutations: a query changes nothing to wait for");
};

/** What queries get: they run in no transaction, so queuing work after one is a programming error. */
export const queryEffects: Effects = { afterCommit: onlyMutations, afterRollback: onlyMutations };
