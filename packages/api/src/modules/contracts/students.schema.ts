import { contractStudents, schoolLevels } from "@fotostudio/db";
import { z } from "zod";
import { flag, id, optionalText, phone, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

export const schoolLevel = z
  .enum(schoolLevels)
  .describe("inicial (pre-school), primaria (primary) or secundaria (secondary)")
  .meta({ example: "primaria" });

/** A student as the roster holds one; the CSV import validates each row with it too. */
export const studentFields = {
  level: schoolLevel,
  grade: text(20, "Grade (grado)").meta({ example: "3" }),
  section: optionalText(20, "Section (sección)").meta({ example: "A" }),
  name: text(200, "The student's full name").meta({ example: "Valeria Huamán Rojas" }),
  guardianName: optionalText(200, "Parent or guardian (apoderado)").meta({ example: "Rosa Rojas" }),
  guardianPhone: phone("The guardian's phone, with country code for WhatsApp"),
};
export const studentRow = z.object(studentFields);
export type StudentInput = z.infer<typeof studentRow>;

export const createStudentInput = z.object({ id: id("Contract"), ...studentFields });
export type CreateStudentInput = z.infer<typeof createStudentInput>;

export const studentSort = sortable(
  {
    name: contractStudents.name,
    level: contractStudents.level,
    grade: contractStudents.grade,
    section: contractStudents.section,
    createdAt: contractStudents.createdAt,
    id: contractStudents.id,
  },
  "name",
);

export const listStudentsInput = pageInput.extend({
  id: id("Contract"),
  level: schoolLevel.optional(),
  grade: z.string().trim().max(20).describe("Only this grade").optional(),
  section: z.string().trim().max(20).describe("Only this section").optional(),
  ordering: studentSort.ordering,
});
export type ListStudentsInput = z.infer<typeof listStudentsInput>;

export const MAX_IMPORT_CHARS = 1_000_000;
export const MAX_IMPORT_ROWS = 5000;

export const importStudentsInput = z.object({
  id: id("Contract"),
  csv: z
    .string()
    .min(1)
    .max(MAX_IMPORT_CHARS)
    .describe(
      `The roster as CSV text (UTF-8, with or without BOM; comma or semicolon, detected from the header line; at most ${MAX_IMPORT_CHARS} characters and ${MAX_IMPORT_ROWS} rows). Header names, case-insensitive, English or Spanish: level|nivel, grade|grado, section|seccion|sección, name|nombre|alumno, guardianName|apoderado, guardianPhone|telefono|teléfono; level, grade and name are required, other columns are ignored`,
    )
    .meta({
      example:
        "nombre;nivel;grado;sección;apoderado;teléfono\nValeria Huamán;primaria;3;A;Rosa Rojas;+51 987 654 321\n",
    }),
  partial: flag
    .default(false)
    .describe(
      "true: save the valid rows and report the others; false (default): any invalid row rejects the whole file",
    ),
});
export type ImportStudentsInput = z.infer<typeof importStudentsInput>;

export const studentOutput = z
  .object({
    id: z.number().int(),
    contractId: z.number().int(),
    level: schoolLevel,
    grade: z.string(),
    section: z.string().nullable(),
    name: z.string(),
    guardianName: z.string().nullable(),
    guardianPhone: z.string().nullable(),
    accessCode: z
      .string()
      .describe("The student's code for guest links: 8 characters, unique within the contract")
      .meta({ example: "K7M2QX9P" }),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "ContractStudent" });

const issue = z.object({
  path: z.string().describe("rows.<line>.<field>: the CSV line (the header is line 1) and the column"),
  message: z.string(),
  code: z.string(),
});

export const importStudentsOutput = z
  .object({
    imported: z.number().int().describe("Students saved"),
    rejected: z.number().int().describe("Rows refused (only with partial=true; otherwise nothing is saved)"),
    issues: z.array(issue).describe("What was wrong with each refused row"),
  })
  .meta({ id: "StudentImport" });
export type StudentImport = z.infer<typeof importStudentsOutput>;
