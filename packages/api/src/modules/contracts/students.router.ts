import type { TRPCRouterRecord } from "@trpc/server";
import { applied, record } from "../../shared/changes.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import * as service from "./contracts.service.js";
import {
  createStudentInput,
  type ImportStudentsInput,
  importStudentsInput,
  importStudentsOutput,
  listStudentsInput,
  studentOutput,
} from "./students.schema.js";

/** The import's audit row: how many rows came in and the students it added, not the file. */
const importRoster = async (ctx: AuthedContext, input: ImportStudentsInput) => {
  const { result, ids } = await service.importStudents(ctx.db, input);
  record(ctx, { before: null, after: { contractId: input.id, ...result, studentIds: ids } });
  return result;
};

/** The roster of a contract's students: contracts.students, addStudent and importStudents. */
export const studentsRouter = {
  students: authedProcedure
    .meta({
      permission: "contracts:read",
      openapi: rest(
        "GET",
        "/contracts/{id}/students",
        "A contract's students",
        "The roster, paginated; filter by level, grade and section; search matches the student's and the guardian's name and the access code.",
      ),
    })
    .input(listStudentsInput)
    .output(paginated(studentOutput))
    .query(({ ctx, input }) => service.listStudents(ctx.db, input)),

  addStudent: authedProcedure
    .meta({
      permission: "contracts:write",
      created: true,
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/contracts/{id}/students",
        "Add a student to a contract",
        "The student gets a random 8-character access code, unique within the contract. Completed and rescinded contracts are read-only (409 ILLEGAL_TRANSITION).",
      ),
    })
    .input(createStudentInput)
    .output(studentOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.addStudent(ctx.db, input))),

  importStudents: authedProcedure
    .meta({
      permission: "contracts:write",
      errors: ["IMPORT_REJECTED", "ILLEGAL_TRANSITION", "PAYLOAD_TOO_LARGE"],
      openapi: rest(
        "POST",
        "/contracts/{id}/students/import",
        "Import a contract's students from CSV",
        "The body is JSON, `{ csv, partial }`, over REST as over tRPC: the REST layer (trpc-to-openapi) accepts JSON bodies only, so the CSV travels as a string. Every row is validated; any invalid row is a 422 IMPORT_REJECTED listing each problem as `rows.<line>.<field>` (the header is line 1) and nothing is saved, unless `partial` is true: then the valid rows are saved and the answer counts the rejected ones with their issues. A file that is not a roster (no header, a required column missing, more than 5000 rows) is a 400 on `csv`; a body over the server's limit (1 MB) is 413. Each student gets a random access code, unique within the contract.",
      ),
    })
    .input(importStudentsInput)
    .output(importStudentsOutput)
    .mutation(({ ctx, input }) => importRoster(ctx, input)),
} satisfies TRPCRouterRecord;
