// The bodies a collection sends: the document's examples made sendable (a school for the client
// routes, ids replaced by the collection's variables) and the fresh copies made to be deleted.

export type Body = Record<string, unknown>;

const asSchool = (example: Body): Body => ({
  ...example,
  kind: "school",
  name: "I.E. Postman",
  contactName: "Dir. Postman",
  taxId: "20123456786",
  phone: "+51 1 555 0101",
});

/**
 * Bodies that cannot be the document's example when the collection runs against a real server:
 * the credentials and tokens come from the collection's variables, a new tenant needs a slug no
 * run has used (set by its pre-request script) and the server's default database server.
 */
export const BODIES: Record<string, (example: Body) => Body> = {
  "auth-login": () => ({ email: "{{email}}", password: "{{password}}" }),
  "auth-refresh": () => ({ refresh: "{{refresh}}" }),
  // The same password again: the run must leave the account as it found it.
  "auth-changePassword": () => ({ currentPassword: "{{password}}", newPassword: "{{password}}" }),
  "platform-login": () => ({ email: "{{operatorEmail}}", password: "{{operatorPassword}}" }),
  "platform-refresh": () => ({ refresh: "{{operatorRefresh}}" }),
  "tenants-create": ({ server: _server, ...example }) => ({ ...example, slug: "{{newTenantSlug}}" }),
  // The collection's client is a school, and stays one: contracts need one, orders take any client.
  "clients-create": asSchool,
  "clients-update": asSchool,
  "clients-patch": asSchool,
  // Moves a fresh record can make, and payments its total can take.
  "orders-transition": () => ({ to: "confirmed" }),
  "contracts-transition": () => ({ to: "active" }),
  "appointments-transition": () => ({ to: "confirmed" }),
  "orders-addPayment": () => ({ kind: "deposit", amount: "10.00", method: "cash" }),
  "contracts-addPayment": () => ({ kind: "deposit", amount: "10.00", method: "cash" }),
  // A production order without components confirms whatever the run's stock, so that it can be
  // started (register's pre-request) and registered with nothing used.
  "production-create": ({ components: _components, ...example }) => example,
  "production-update": ({ components: _components, ...example }) => example,
  "production-patch": ({ components: _components, ...example }) => example,
  "production-register": () => ({ productionOrderId: 1, consumed: [], waste: [] }),
};

/**
 * Body fields that name a row of another collection: the variable its create stored. Any other
 * `…Id` field is an optional link the collection leaves out (it has no row to point at).
 */
const REFERENCES: Record<string, string> = {
  clientId: "clientsId",
  schoolId: "clientsId",
  serviceId: "servicesId",
  mouldingId: "materialsId",
  materialId: "materialsId",
  resourceId: "resourcesId",
  productionOrderId: "productionOrdersId",
};

/** An optional link to another row: `contractId: 3` (not `taxId: "2012…"`, not the record's own `id`). */
const isLink = (key: string, value: unknown) =>
  key !== "id" && key.endsWith("Id") && (typeof value === "number" || value === null);

/** The body with its references as `{{variable}}` placeholders (unquoted once serialised). */
export function referencing(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(referencing);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, field]) => key in REFERENCES || !isLink(key, field))
      .map(([key, field]) => [key, key in REFERENCES ? `{{${REFERENCES[key]}}}` : referencing(field)]),
  );
}

/** The variables a request's raw body or path reads. */
export const variablesIn = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] as string);

/**
 * A second row of a collection, made only to be deleted (others point at the first): the create's
 * body with its unique names changed, and, for bookings, another slot.
 */
export function freshCopy(body: Body): Body {
  const out: Body = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "string" && ["name", "title"].includes(key)) out[key] = `${value} 2`;
    else if (typeof value === "string" && ["code", "key"].includes(key)) out[key] = `${value}-2`;
    else if (typeof value === "string" && key === "email") out[key] = `second.${value}`;
    else if (typeof value === "string" && (key === "startsAt" || key === "endsAt"))
      out[key] = new Date(Date.parse(value) + 86_400_000).toISOString();
    else out[key] = value;
  }
  return out;
}
