import { type ContractStudentRow, contractStudents, type Executor, isDuplicateKey } from "@fotostudio/db";
import { count, eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import type { Updated } from "../../../shared/changes.js";
import { listPage, type Page } from "../../../shared/list.js";
import {
  type CreateStudentInput,
  type ImportStudentsInput,
  type ListStudentsInput,
  type StudentImport,
  type StudentInput,
  studentSort,
} from "../students.schema.js";
import { accessCodes } from "./access-codes.js";
import { assertEditable, getContract } from "./contracts.js";
import { readRoster } from "./roster-csv.js";

export async function listStudents(db: Executor, input: ListStudentsInput): Promise<Page<ContractStudentRow>> {
  await getContract(db, input.id);
  return listPage(
    {
      rows: db.select().from(contractStudents).$dynamic(),
      count: db.select({ n: count() }).from(contractStudents).$dynamic(),
    },
    input,
    {
      sort: studentSort,
      tiebreak: contractStudents.id,
      search: [contractStudents.name, contractStudents.guardianName, contractStudents.accessCode],
      filters: [
        eq(contractStudents.contractId, input.id),
        input.level && eq(contractStudents.level, input.level),
        input.grade && eq(contractStudents.grade, input.grade),
        input.section && eq(contractStudents.section, input.section),
      ],
    },
  );
}

const CHUNK = 500;
const ATTEMPTS = 5;

/**
 * Puts students on the roster, each with a fresh access code. A code that clashes with one already
 * on the roster fails its statement (not the transaction): the chunk is retried with new codes.
 */
export async function insertStudents(
  db: Executor,
  contractId: number,
  students: StudentInput[],
  codesFor: (n: number) => string[] = accessCodes,
): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < students.length; start += CHUNK) {
    const chunk = students.slice(start, start + CHUNK);
    for (let attempt = 1; ; attempt++) {
      const codes = codesFor(chunk.length);
      try {
        const inserted = await db
          .insert(contractStudents)
          .values(chunk.map((s, i) => ({ ...s, contractId, accessCode: codes[i] as string })))
          .$returningId();
        ids.push(...inserted.map((r) => r.id));
        break;
      } catch (error) {
        if (!isDuplicateKey(error) || attempt === ATTEMPTS) throw error;
      }
    }
  }
  return ids;
}

export async function addStudent(
  db: Executor,
  { id, ...student }: CreateStudentInput,
): Promise<Updated<ContractStudentRow>> {
  // The lock orders roster writes after a transition that makes the contract read-only.
  assertEditable(await getContract(db, id, { lock: true }), "its roster");
  const [studentId] = await insertStudents(db, id, [student]);
  const [after] = await db
    .select()
    .from(contractStudents)
    .where(eq(contractStudents.id, studentId as number));
  if (!after) throw new Error("student vanished");
  return { before: null, after };
}

/**
 * The CSV roster: every row validated first. Without `partial`, one bad row rejects the file
 * (422 IMPORT_REJECTED, row-numbered issues, nothing saved); with it the good rows are saved and
 * the bad ones reported.
 */
export async function importStudents(
  db: Executor,
  { id, csv, partial }: ImportStudentsInput,
): Promise<{ result: StudentImport; ids: number[] }> {
  assertEditable(await getContract(db, id, { lock: true }), "its roster");
  const { students, issues, rejected } = readRoster(csv);
  if (rejected > 0 && !partial) {
    throw new AppError(
      "IMPORT_REJECTED",
      `${rejected} ${rejected === 1 ? "row is" : "rows are"} invalid; nothing was imported`,
      { issues },
    );
  }
  const ids = await insertStudents(db, id, students);
  return { result: { imported: ids.length, rejected, issues }, ids };
}
