import { type ContractPaymentRow, contractPayments, type Executor } from "@fotostudio/db";
import { asc, eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { formatCents } from "../../../shared/fields.js";
import { type CreatePayment, checkPayment, type Payment } from "../../../shared/payments.js";
import type { ContractPayments } from "../payments.schema.js";
import { getContract, valueCents } from "./contracts.js";
import { account, paidByContract } from "./view.js";

export const toPayment = ({ contractId: _, ...row }: ContractPaymentRow): Payment => row;

export async function listPayments(db: Executor, id: number): Promise<ContractPayments> {
  const contract = await getContract(db, id);
  const rows = await db
    .select()
    .from(contractPayments)
    .where(eq(contractPayments.contractId, id))
    .orderBy(asc(contractPayments.createdAt), asc(contractPayments.id));
  const paid = (await paidByContract(db, [id])).get(id) ?? 0;
  return { contractId: id, ...account(valueCents(contract), paid), results: rows.map(toPayment) };
}

/**
 * A payment on the contract: never above its value, a refund never above what was paid. The
 * contract's row lock serialises payments, so two that each fit alone cannot both land.
 */
export async function addPayment(
  db: Executor,
  userId: number,
  { id, ...payment }: CreatePayment,
): Promise<Updated<ContractPaymentRow>> {
  const contract = await getContract(db, id, { lock: true });
  if (contract.status === "rescinded" && payment.kind !== "refund") {
    throw new AppError("CONTRACT_NOT_ACTIVE", `Contract ${id} is rescinded: it takes refunds only`);
  }
  const paid = (await paidByContract(db, [id])).get(id) ?? 0;
  checkPayment(valueCents(contract), paid, payment);
  const [result] = await db
    .insert(contractPayments)
    .values({
      contractId: id,
      kind: payment.kind,
      amount: formatCents(payment.amount),
      method: payment.method,
      reference: payment.reference,
      createdBy: userId,
    })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  const [after] = await db.select().from(contractPayments).where(eq(contractPayments.id, result.id));
  if (!after) throw new Error("payment vanished");
  return { before: null, after };
}
