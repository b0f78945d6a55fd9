import { describe, expect, it } from "vitest";
import { AppError } from "../../../errors.js";
import { ACCESS_CODE_LENGTH, accessCode, accessCodes } from "./access-codes.js";
import { delimiterOf, readRoster } from "./roster-csv.js";

// The roster CSV as schools send it: Excel in Spanish (semicolons, a BOM, accented headers) or a
// plain comma file; every problem named by its line (the header is line 1) and column.

const refusal = (csv: string) => {
  try {
    readRoster(csv);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { code: (error as AppError).appCode, issues: (error as AppError).issues };
  }
  throw new Error("expected a refusal");
};

describe("readRoster", () => {
  it("reads a comma file with English headers", () => {
    const roster = readRoster(
      "name,level,grade,section,guardianName,guardianPhone\nAna Quispe,primaria,3,A,Rosa,+51 987 654 321\n",
    );
    expect(roster).toEqual({
      students: [
        {
          name: "Ana Quispe",
          level: "primaria",
          grade: "3",
          section: "A",
          guardianName: "Rosa",
          guardianPhone: "+51 987 654 321",
        },
      ],
      issues: [],
      rejected: 0,
    });
  });

  it("reads Excel's Spanish export: BOM, semicolons, accented headers in any case, levels in any case", () => {
    const csv = "\ufeffAlumno;NIVEL;Grado;Sección;Apoderado;Teléfono\r\nLuis Pérez;Secundaria;5;B;;\r\n;;;;;\r\n\r\n";
    expect(readRoster(csv).students).toEqual([
      { name: "Luis Pérez", level: "secundaria", grade: "5", section: "B", guardianName: null, guardianPhone: null },
    ]);
    expect(readRoster("nombre;nivel;grado\nEva;Primary;1\n").students[0]?.level).toBe("primaria");
  });

  it("detects the delimiter from the header line, ignoring quoted text", () => {
    expect(delimiterOf("nombre;nivel;grado\n")).toBe(";");
    expect(delimiterOf("\ufeffname,level,grade\n")).toBe(",");
    expect(delimiterOf('"apellidos, nombres";nivel;grado\n')).toBe(";");
  });

  it("names each bad row by its line and column, and keeps the good ones", () => {
    const csv = [
      "nombre,nivel,grado,telefono",
      "Ana,primaria,1,",
      ",primaria,2,",
      "Luis,universidad,3,",
      '"Eva',
      ' María",inicial,4,',
      "Leo,secundaria,5,call me",
    ].join("\n");
    const roster = readRoster(csv);
    expect(roster.students.map((s) => s.name)).toEqual(["Ana", "Eva\n María"]);
    expect(roster.rejected).toBe(3);
    expect(roster.issues.map((i) => i.path)).toEqual(["rows.3.name", "rows.4.level", "rows.7.guardianPhone"]);
    expect(roster.issues[0]?.message).toBe("required");
  });

  it("refuses what is not a roster with a 400 on csv", () => {
    for (const [csv, message] of [
      ["", /empty/],
      ["nombre;grado\nAna;1\n", /missing column: level/],
      ["nombre,nivel,grado\n", /no students/],
      ["nombre,alumno,nivel,grado\nA,B,primaria,1\n", /two columns/],
      [`name,level,grade\n${"Ana,primaria,1\n".repeat(5001)}`, /at most 5000 rows/],
    ] as const) {
      const { code, issues } = refusal(csv);
      expect(code).toBe("VALIDATION_ERROR");
      expect(issues?.[0]?.path).toBe("csv");
      expect(issues?.[0]?.message).toMatch(message);
    }
  });
});

describe("access codes", () => {
  it("are 8 characters without 0, O, 1 or I, and a batch has no repeats", () => {
    for (let i = 0; i < 200; i++) expect(accessCode()).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    const batch = accessCodes(5000);
    expect(new Set(batch).size).toBe(5000);
    expect(batch.every((c) => c.length === ACCESS_CODE_LENGTH)).toBe(true);
  });
});
