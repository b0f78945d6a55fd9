import { clients, contractStudents } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Http, type Studio, studioTest } from "../support/studio.js";

// A contract's roster over REST and the SDK: students one by one and by CSV import (comma or
// semicolon, with or without BOM, Spanish headers; a bad row rejects the file unless partial),
// each with an access code unique within the contract; completed and rescinded rosters are read-only.
const it = studioTest();

let schoolId: number | undefined;
async function contract(studio: Studio, status = "active") {
  const call = studio.owner.http;
  // Schools are made in the database: these tests are about contracts, not the clients module's rules.
  schoolId ??= (await studio.db.insert(clients).values({ name: "Colegio Padrón", kind: "school" }).$returningId())[0]
    ?.id;
  const res = await call("POST", "/api/contracts/", {
    body: {
      schoolId,
      title: "Padrón",
      type: "annual",
      validFrom: "2026-03-01",
      validTo: "2026-12-20",
      value: "0",
      status,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const CODE = /^[2-9A-HJ-NP-Z]{8}$/;
const roster = (call: Http, id: number, query = "") =>
  call("GET", `/api/contracts/${id}/students/?pageSize=100${query}`).then((r) => r.body);
const importCsv = (call: Http, id: number, csv: string, partial?: boolean) =>
  call("POST", `/api/contracts/${id}/students/import/`, {
    body: { csv, ...(partial === undefined ? {} : { partial }) },
  });

describe("students one by one", () => {
  it("adds a student with an access code, lists and filters the roster, counts it on the contract", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const id = await contract(studio);
    const added = await call("POST", `/api/contracts/${id}/students/`, {
      body: {
        level: "primaria",
        grade: "3",
        section: "A",
        name: "Valeria Huamán",
        guardianName: "Rosa",
        guardianPhone: "",
      },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({
      contractId: id,
      level: "primaria",
      grade: "3",
      section: "A",
      name: "Valeria Huamán",
      guardianName: "Rosa",
      guardianPhone: null,
    });
    expect(added.body.accessCode).toMatch(CODE);
    await call("POST", `/api/contracts/${id}/students/`, {
      body: { level: "inicial", grade: "5 años", name: "Ana Ríos" },
    });
    const list = await roster(call, id);
    expect(list.results.map((s: { name: string }) => s.name)).toEqual(["Ana Ríos", "Valeria Huamán"]);
    expect((await roster(call, id, "&level=primaria&grade=3&section=A")).count).toBe(1);
    expect((await roster(call, id, `&search=${added.body.accessCode}`)).results[0].id).toBe(added.body.id);
    expect((await call("GET", `/api/contracts/${id}/`)).body.studentsCount).toBe(2);
  });

  it("refuses bad students with 400 naming the field; 404 for an unknown contract; 409 once read-only", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const id = await contract(studio);
    for (const [body, field] of [
      [{ level: "universidad", grade: "1", name: "X" }, "level"],
      [{ level: "primaria", grade: "", name: "X" }, "grade"],
      [{ level: "primaria", grade: "1", name: "" }, "name"],
      [{ level: "primaria", grade: "1", name: "X", guardianPhone: "call me" }, "guardianPhone"],
    ] as const) {
      const res = await call("POST", `/api/contracts/${id}/students/`, { body });
      expect(res.status, field).toBe(400);
      expect(
        res.body.issues.map((i: { path: string }) => i.path),
        field,
      ).toEqual([field]);
    }
    expect((await roster(call, id)).count).toBe(0);
    const body = { level: "primaria", grade: "1", name: "X" };
    expect((await call("POST", "/api/contracts/999999/students/", { body })).status).toBe(404);
    await call("POST", `/api/contracts/${id}/transition/`, { body: { to: "completed" } });
    const closed = await call("POST", `/api/contracts/${id}/students/`, { body });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe("ILLEGAL_TRANSITION");
    expect((await importCsv(call, id, "name,level,grade\nAna,primaria,1\n")).body.code).toBe("ILLEGAL_TRANSITION");
    expect((await roster(call, id)).count).toBe(0);
  });
});

describe("the CSV import", () => {
  it("takes a comma file without BOM, English headers", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio);
    const res = await importCsv(
      call,
      id,
      "name,level,grade,section,guardianName,guardianPhone\nAna Quispe,primaria,3,A,Rosa Quispe,+51 987 654 321\nLuis Mamani,secundaria,1,B,,\n",
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ imported: 2, rejected: 0, issues: [] });
    const { results } = await roster(call, id);
    expect(results).toMatchObject([
      { name: "Ana Quispe", level: "primaria", grade: "3", section: "A", guardianPhone: "+51 987 654 321" },
      { name: "Luis Mamani", level: "secundaria", guardianName: null },
    ]);
  });

  it("takes Excel's Spanish export: BOM, semicolons, Spanish headers with accents", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio);
    const csv =
      "\ufeffAlumno;Nivel;Grado;Sección;Apoderado;Teléfono\r\nÑuflo Pérez;Primaria;2;C;Julia Pérez;987654321\r\nMaría Condori;INICIAL;4 años;;;\r\n;;;;;\r\n";
    const res = await importCsv(call, id, csv);
    expect(res.body).toEqual({ imported: 2, rejected: 0, issues: [] });
    const { results } = await roster(call, id);
    expect(results).toMatchObject([
      { name: "María Condori", level: "inicial", grade: "4 años", section: null },
      { name: "Ñuflo Pérez", level: "primaria", section: "C", guardianName: "Julia Pérez", guardianPhone: "987654321" },
    ]);
  });

  it("a bad row rejects the file: 422 with row-numbered issues, nothing saved; partial=true saves the good rows", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const id = await contract(studio);
    const csv = "nombre;nivel;grado;telefono\nAna;primaria;1;\n;primaria;2;\nLuis;universidad;3;\nEva;secundaria;4;\n";
    const rejected = await importCsv(call, id, csv);
    expect(rejected.status).toBe(422);
    expect(rejected.body.code).toBe("IMPORT_REJECTED");
    expect(rejected.body.message).toMatch(/2 rows/);
    expect(rejected.body.issues.map((i: { path: string }) => i.path)).toEqual(["rows.3.name", "rows.4.level"]);
    expect(await studio.db.select().from(contractStudents).where(eq(contractStudents.contractId, id))).toEqual([]);

    const partial = await importCsv(call, id, csv, true);
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ imported: 2, rejected: 2 });
    expect(partial.body.issues.map((i: { path: string }) => i.path)).toEqual(["rows.3.name", "rows.4.level"]);
    expect((await roster(call, id)).results.map((s: { name: string }) => s.name)).toEqual(["Ana", "Eva"]);
    // REST sends partial as a string, as a query would.
    expect((await importCsv(call, id, csv, "true" as never)).body).toMatchObject({ imported: 2 });
  });

  it("what is not a roster is a 400 on csv; an unknown contract is 404", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio);
    for (const csv of ["nombre;grado\nAna;1\n", "name,level,grade\n", ""]) {
      const res = await importCsv(call, id, csv);
      expect(res.status, csv).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["csv"]);
    }
    expect((await importCsv(call, 999_999, "name,level,grade\nAna,primaria,1\n")).status).toBe(404);
    // The size caps: the CSV's own (400 on csv), then the server's body limit (413).
    const big = `name,level,grade\n${"Ana Quispe Mamani,primaria,1\n".repeat(40_000)}`.slice(0, 1_000_001);
    const tooLong = await importCsv(call, id, big);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.issues.map((i: { path: string }) => i.path)).toEqual(["csv"]);
    const huge = await importCsv(call, id, big.repeat(2));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe("PAYLOAD_TOO_LARGE");
    expect((await roster(call, id)).count).toBe(0);
  });

  it("gives every student an access code unique within the contract", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await contract(studio);
    const rows = Array.from({ length: 1200 }, (_, i) => `Alumno ${i},primaria,${(i % 6) + 1},${"ABC"[i % 3]}`);
    const res = await importCsv(call, id, `name,level,grade,section\n${rows.join("\n")}\n`);
    expect(res.body).toMatchObject({ imported: 1200, rejected: 0 });
    await importCsv(call, id, "name,level,grade\nOtra Vez,primaria,1\n");
    const codes = (
      await studio.db
        .select({ code: contractStudents.accessCode })
        .from(contractStudents)
        .where(eq(contractStudents.contractId, id))
    ).map((r) => r.code);
    expect(codes).toHaveLength(1201);
    expect(new Set(codes).size).toBe(1201);
    expect(codes.every((c) => CODE.test(c))).toBe(true);
  });

  it("over the SDK, and only for writers", async ({ studio }) => {
    const id = await contract(studio);
    const result = await studio.owner.sdk.contracts.importStudents.mutate({
      id,
      csv: "nombre,nivel,grado\nLeo,secundaria,5\n",
    });
    expect(result).toEqual({ imported: 1, rejected: 0, issues: [] });
    const list = await studio.users.viewer.sdk.contracts.students.query({ id });
    expect(list.results[0]).toMatchObject({ name: "Leo", level: "secundaria" });
    expect(list.results[0]?.createdAt).toBeInstanceOf(Date);
    const denied = await studio.users.viewer.sdk.contracts.importStudents
      .mutate({ id, csv: "nombre,nivel,grado\nLeo,secundaria,5\n" })
      .catch((e: unknown) => e);
    expect(errorCode(denied)).toBe("FORBIDDEN");
    const rejected = await studio.owner.sdk.contracts.importStudents
      .mutate({ id, csv: "nombre,nivel,grado\n,secundaria,5\n" })
      .catch((e: unknown) => e);
    expect(errorCode(rejected)).toBe("IMPORT_REJECTED");
  });
});
