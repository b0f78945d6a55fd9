import type { ClientKind, ClientRow } from "@fotostudio/db";
import { AppError, type Issue } from "../../errors.js";
import type { ClientChanges } from "./clients.schema.js";

// What each kind of client needs (SPEC 5b): a person a name and a phone, and a document only if
// given — a DNI (8 digits) or a RUC as a natural person (10…); a school or a company a name, a
// contact person, a phone and a RUC (11 digits starting 10, 15, 17 or 20).

const DNI = /^\d{8}$/;
const PERSON_RUC = /^10\d{9}$/;
const RUC = /^(10|15|17|20)\d{9}$/;

type Checked = Pick<ClientRow, "kind" | "name" | "taxId" | "contactName" | "phone">;

function problems(c: Checked): Issue[] {
  const issue = (path: string, message: string): Issue => ({ path, message, code: "custom" });
  const found: Issue[] = [];
  if (!c.phone) found.push(issue("phone", `required for a ${c.kind}`));
  if (c.kind === "person") {
    if (c.taxId && !DNI.test(c.taxId) && !PERSON_RUC.test(c.taxId)) {
      found.push(issue("taxId", "a DNI has 8 digits; a person's RUC 11 digits starting 10"));
    }
    return found;
  }
  if (!c.contactName) found.push(issue("contactName", `required for a ${c.kind}`));
  if (!c.taxId) found.push(issue("taxId", `a ${c.kind} needs its RUC`));
  else if (!RUC.test(c.taxId)) found.push(issue("taxId", "a RUC has 11 digits starting 10, 15, 17 or 20"));
  return found;
}

const refuse = (issues: Issue[]) => {
  if (issues.length) throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues });
};

/** A new or replaced client: every rule of its kind. */
export function checkClient(c: Checked): void {
  refuse(problems(c));
}

/**
 * A PATCH, judged on the row it leaves. Rows saved before these rules keep working: a field the
 * patch does not touch is not held against it unless the patch changes the kind (which asks for
 * everything the new kind needs).
 */
export function checkClientChange(before: Checked, changes: ClientChanges): void {
  const after: Checked = { ...before, ...changes, kind: (changes.kind ?? before.kind) as ClientKind };
  const kindChanged = changes.kind !== undefined && changes.kind !== before.kind;
  refuse(problems(after).filter((i) => kindChanged || i.path in changes));
}
