import { type ContractRow, type ContractStatus, contracts, type Executor } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { assertTransition, machine } from "../../../shared/transitions.js";
import type { TransitionContractInput } from "../contracts.schema.js";
import { getContract } from "./contracts.js";

/**
 * The contract's life. Rescinded is final: the old system flipped it to expired, which lost the
 * fact that the school broke the contract. Expired is never stored (past its end and still open).
 */
export const contractMachine = machine<ContractStatus>({
  draft: ["active", "rescinded"],
  active: ["completed", "rescinded"],
  completed: [],
  rescinded: [],
});

export async function transitionContract(
  db: Executor,
  { id, to, reason }: TransitionContractInput,
): Promise<Updated<ContractRow>> {
  // The lock makes a rescind wait for an order being placed under the contract (for-orders.ts).
  const before = await getContract(db, id, { lock: true });
  assertTransition(contractMachine, `Contract ${id}`, before.status, to);
  if (to === "rescinded" && !reason) {
    throw new AppError("VALIDATION_ERROR", "Input validation failed", {
      issues: [{ path: "reason", message: "a reason is required to rescind a contract", code: "custom" }],
    });
  }
  await db
    .update(contracts)
    .set({ status: to, ...(to === "rescinded" && { rescindedAt: new Date(), rescindReason: reason }) })
    .where(eq(contracts.id, id));
  return { before, after: await getContract(db, id) };
}
