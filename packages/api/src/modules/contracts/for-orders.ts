import {
  type ContractPackageRow,
  type ContractRow,
  type ContractStudentRow,
  contractPackages,
  contractStudents,
  contracts,
  type Executor,
} from "@fotostudio/db";
import { and, asc, eq } from "drizzle-orm";
import { AppError } from "../../errors.js";

/** What an order placed under a school contract may use: the contract, its student and its packages. */
export interface ContractForOrder {
  contract: ContractRow;
  student: ContractStudentRow | null;
  packages: ContractPackageRow[];
}

const invalid = (path: string, message: string) =>
  new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path, message, code: "custom" }] });

/**
 * The orders module's check before an order is placed under a contract (`on` is the studio's day,
 * YYYY-MM-DD): the contract exists (400 on `contractId`), is active and `on` falls within its
 * validity, both days included (422 CONTRACT_NOT_ACTIVE), and the student, when given, is on its
 * roster (400 on `studentId`). The contract row stays locked for the caller's transaction, so a
 * rescind running at the same time waits for the order instead of slipping under it.
 */
export async function checkContractOrder(
  db: Executor,
  input: { contractId: number; studentId?: number | null; on: string },
): Promise<ContractForOrder> {
  const [contract] = await db.select().from(contracts).where(eq(contracts.id, input.contractId)).limit(1).for("update");
  if (!contract) throw invalid("contractId", `Contract ${input.contractId} does not exist`);
  if (contract.status !== "active") {
    throw new AppError("CONTRACT_NOT_ACTIVE", `Contract ${contract.id} is ${contract.status}, not active`);
  }
  if (input.on < contract.validFrom) {
    throw new AppError("CONTRACT_NOT_ACTIVE", `Contract ${contract.id} starts on ${contract.validFrom}`);
  }
  if (input.on > contract.validTo) {
    throw new AppError("CONTRACT_NOT_ACTIVE", `Contract ${contract.id} expired on ${contract.validTo}`);
  }
  let student: ContractStudentRow | null = null;
  if (input.studentId != null) {
    const [row] = await db
      .select()
      .from(contractStudents)
      .where(and(eq(contractStudents.id, input.studentId), eq(contractStudents.contractId, contract.id)))
      .limit(1);
    if (!row) throw invalid("studentId", `Student ${input.studentId} is not on contract ${contract.id}'s roster`);
    student = row;
  }
  const packages = await db
    .select()
    .from(contractPackages)
    .where(eq(contractPackages.contractId, contract.id))
    .orderBy(asc(contractPackages.position), asc(contractPackages.id));
  return { contract, student, packages };
}
