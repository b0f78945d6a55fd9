import { parse } from "csv-parse/sync";
import { AppError, type Issue } from "../../../errors.js";
import { MAX_IMPORT_ROWS, type StudentInput, studentRow } from "../students.schema.js";

type Field = keyof StudentInput;

/** Header names as schools write them, English or Spanish, compared without case, accents or spaces. */
const HEADERS: Record<string, Field> = {
  level: "level",
  nivel: "level",
  grade: "grade",
  grado: "grade",
  section: "section",
  seccion: "section",
  name: "name",
  nombre: "name",
  alumno: "name",
  guardianname: "guardianName",
  apoderado: "guardianName",
  guardianphone: "guardianPhone",
  telefono: "guardianPhone",
};
const REQUIRED: Field[] = ["level", "grade", "name"];

const LEVELS: Record<string, string> = {
  inicial: "inicial",
  initial: "inicial",
  preschool: "inicial",
  kindergarten: "inicial",
  primaria: "primaria",
  primary: "primaria",
  secundaria: "secundaria",
  secondary: "secundaria",
};

const plain = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

const refused = (message: string) =>
  new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path: "csv", message, code: "custom" }] });

/** `;` when the header line has more semicolons than commas outside quotes (Excel in Spanish), else `,`. */
export function delimiterOf(csv: string): ";" | "," {
  const header = (csv.replace(/^\ufeff/, "").split(/\r?\n/, 1)[0] ?? "").replace(/"[^"]*"/g, "");
  const count = (c: string) => header.split(c).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

interface Parsed {
  record: string[];
  info: { lines: number };
}

export interface Roster {
  students: StudentInput[];
  issues: Issue[];
  /** Rows with at least one issue. */
  rejected: number;
}

/**
 * Reads the roster CSV: the header maps columns to fields, each row is validated on its own, and
 * every problem is reported as `rows.<line>.<field>` (the header is line 1). A file that cannot be
 * read as a roster at all (no header, required columns missing, too many rows) is a 400 on `csv`.
 */
export function readRoster(csv: string): Roster {
  const issues: Issue[] = [];
  const bad = new Set<number>();
  const report = (line: number, field: string | null, message: string) => {
    issues.push({ path: field ? `rows.${line}.${field}` : `rows.${line}`, message, code: "custom" });
    bad.add(line);
  };
  let records: Parsed[];
  try {
    records = parse(csv, {
      bom: true,
      delimiter: delimiterOf(csv),
      info: true,
      trim: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) report(Number(error.lines), null, `unreadable CSV: ${error.message}`);
        return undefined;
      },
    }) as unknown as Parsed[];
  } catch (error) {
    throw refused(`unreadable CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw refused("the CSV is empty; the first line names the columns");
  const columns = header.record.map((name) => HEADERS[plain(name)]);
  const missing = REQUIRED.filter((f) => !columns.includes(f));
  if (missing.length) throw refused(`missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`);
  const repeated = columns.find((f, i) => f && columns.indexOf(f) !== i);
  if (repeated) throw refused(`two columns give the ${repeated}`);
  if (rows.length > MAX_IMPORT_ROWS) throw refused(`at most ${MAX_IMPORT_ROWS} rows per import, not ${rows.length}`);

  const students: StudentInput[] = [];
  for (const { record, info } of rows) {
    // A spreadsheet's blank rows come out as bare delimiters: nothing to import, nothing wrong.
    if (record.every((cell) => cell === "")) continue;
    // csv-parse counts to the record's last line; a quoted cell may span several.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const values: Partial<Record<Field, string>> = {};
    columns.forEach((field, i) => {
      if (field) values[field] = record[i] ?? "";
    });
    if (values.level) values.level = LEVELS[plain(values.level)] ?? values.level;
    const parsed = studentRow.safeParse(values);
    if (parsed.success) students.push(parsed.data);
    else
      for (const i of parsed.error.issues) {
        const field = i.path.join(".");
        report(line, field || null, values[field as Field] === "" ? "required" : i.message);
      }
  }
  if (students.length === 0 && bad.size === 0) throw refused("the CSV has a header but no students");
  issues.sort((a, b) => lineOf(a) - lineOf(b));
  return { students, issues, rejected: bad.size };
}

const lineOf = (issue: Issue) => Number(issue.path.split(".")[1]);
