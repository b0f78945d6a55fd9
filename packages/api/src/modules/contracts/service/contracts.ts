import {
  type ContractRow,
  clients,
  contractPackages,
  contractPayments,
  contractStudents,
  contracts,
  type Executor,
  users,
} from "@fotostudio/db";
import { and, count, eq, inArray, lt, not } from "drizzle-orm";
import { AppError, type Issue } from "../../../errors.js";
import type { Change, Updated } from "../../../shared/changes.js";
import { formatCents, parseCents } from "../../../shared/fields.js";
import { listPage, type Page } from "../../../shared/list.js";
import { studioToday } from "../../../shared/studio-days.js";
import {
  type ContractChanges,
  type CreateContractInput,
  contractSort,
  type ListContractsInput,
  type PackageInput,
} from "../contracts.schema.js";
import { type ContractListRow, contractWithSchool, paidByContract } from "./view.js";

const OPEN = ["draft", "active"] as const;

export async function listContracts(db: Executor, input: ListContractsInput): Promise<Page<ContractListRow>> {
  // Expired is derived (SPEC 5b: a rescinded contract never turns expired), so it filters on today.
  const expired =
    input.expired === undefined
      ? undefined
      : and(inArray(contracts.status, [...OPEN]), lt(contracts.validTo, await studioToday(db)));
  return listPage(
    {
      rows: contractWithSchool(db).$dynamic(),
      count: db.select({ n: count() }).from(contracts).leftJoin(clients, eq(clients.id, contracts.schoolId)).$dynamic(),
    },
    input,
    {
      sort: contractSort,
      tiebreak: contracts.id,
      search: [contracts.title, clients.name],
      filters: [
        input.status && eq(contracts.status, input.status),
        input.type && eq(contracts.type, input.type),
        input.schoolId !== undefined && eq(contracts.schoolId, input.schoolId),
        expired && (input.expired ? expired : not(expired)),
      ],
    },
  );
}

/** The contract, or 404; `lock` takes its row lock for the rest of the transaction. */
export async function getContract(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<ContractRow> {
  const query = db.select().from(contracts).where(eq(contracts.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Contract ${id} not found`);
  return row;
}

const issue = (path: string, message: string): Issue => ({ path, message, code: "custom" });

/** The references in the body: the school is a school of this studio, the responsible user one of its users. */
async function checkReferences(db: Executor, c: { schoolId?: number; responsibleUserId?: number | null }) {
  const issues: Issue[] = [];
  if (c.schoolId !== undefined) {
    const [school] = await db.select({ kind: clients.kind }).from(clients).where(eq(clients.id, c.schoolId));
    if (!school) issues.push(issue("schoolId", `Client ${c.schoolId} does not exist`));
    else if (school.kind !== "school")
      issues.push(issue("schoolId", `Client ${c.schoolId} is a ${school.kind}, not a school`));
  }
  if (c.responsibleUserId != null) {
    const [user] = await db.select({ active: users.isActive }).from(users).where(eq(users.id, c.responsibleUserId));
    if (!user?.active)
      issues.push(issue("responsibleUserId", `User ${c.responsibleUserId} is not an active user of this studio`));
  }
  if (issues.length) throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues });
}

async function replacePackages(db: Executor, contractId: number, packages: PackageInput[]) {
  await db.delete(contractPackages).where(eq(contractPackages.contractId, contractId));
  if (packages.length === 0) return;
  await db.insert(contractPackages).values(
    packages.map((p, position) => ({
      contractId,
      name: p.name,
      price: formatCents(p.price),
      items: p.items,
      position,
    })),
  );
}

/** The row's columns from the service's integers (cents, hundredths of a percent). */
function columns(changes: Omit<ContractChanges, "packages">) {
  const { value, commissionPercent, ...rest } = changes;
  return {
    ...rest,
    ...(value !== undefined && { value: formatCents(value) }),
    ...(commissionPercent !== undefined && { commissionPercent: formatCents(commissionPercent) }),
  };
}

export async function createContract(db: Executor, input: CreateContractInput): Promise<Updated<ContractRow>> {
  await checkReferences(db, input);
  const { packages, ...terms } = input;
  const [result] = await db
    .insert(contracts)
    .values({
      ...columns(terms),
      schoolId: input.schoolId,
      title: input.title,
      type: input.type,
      validFrom: input.validFrom,
      validTo: input.validTo,
      status: input.status,
    })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  await replacePackages(db, result.id, packages);
  return { before: null, after: await getContract(db, result.id) };
}

/** Terms change while the contract is draft or active; completed and rescinded ones are read-only. */
export function assertEditable(row: ContractRow, what: string): void {
  if (row.status === "draft" || row.status === "active") return;
  throw new AppError("ILLEGAL_TRANSITION", `Contract ${row.id} is ${row.status}: ${what} can no longer change`);
}

export async function updateContract(
  db: Executor,
  id: number,
  changes: ContractChanges,
): Promise<Updated<ContractRow>> {
  const before = await getContract(db, id, { lock: true });
  assertEditable(before, "its terms");
  if (Object.keys(changes).length === 0) return { before, after: before };
  const validFrom = changes.validFrom ?? before.validFrom;
  const validTo = changes.validTo ?? before.validTo;
  if (validFrom >= validTo) {
    const path = changes.validTo !== undefined ? "validTo" : "validFrom";
    throw new AppError("VALIDATION_ERROR", "Input validation failed", {
      issues: [issue(path, path === "validTo" ? "must be after validFrom" : "must be before validTo")],
    });
  }
  await checkReferences(db, changes);
  if (changes.value !== undefined) {
    // What was paid stays paid: the value may not drop below it.
    const paid = (await paidByContract(db, [id])).get(id) ?? 0;
    if (changes.value < paid) {
      throw new AppError("OVERPAYMENT", `${formatCents(paid)} was paid already; the value cannot be lower`);
    }
  }
  const { packages, ...terms } = changes;
  if (Object.keys(terms).length) await db.update(contracts).set(columns(terms)).where(eq(contracts.id, id));
  if (packages) await replacePackages(db, id, packages);
  return { before, after: await getContract(db, id) };
}

/** Only a draft goes, with its packages and roster; one with payments stays (payments are never deleted). */
export async function deleteContract(db: Executor, id: number): Promise<Change<ContractRow>> {
  const before = await getContract(db, id, { lock: true });
  if (before.status !== "draft") {
    throw new AppError(
      "ILLEGAL_TRANSITION",
      `Contract ${id} is ${before.status}; only drafts can be deleted (rescind it instead)`,
    );
  }
  const [payments] = await db.select({ n: count() }).from(contractPayments).where(eq(contractPayments.contractId, id));
  if ((payments?.n ?? 0) > 0) {
    throw new AppError("CONFLICT", `Contract ${id} has payments, which are never deleted; rescind it instead`);
  }
  await db.delete(contractPackages).where(eq(contractPackages.contractId, id));
  await db.delete(contractStudents).where(eq(contractStudents.contractId, id));
  await db.delete(contracts).where(eq(contracts.id, id));
  return { before, after: null };
}

export const valueCents = (row: ContractRow) => parseCents(row.value) as number;
