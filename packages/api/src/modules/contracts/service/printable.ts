import { clients, type Executor } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import type { DocumentMaker } from "../../../shared/documents/file.js";
import type { DocumentFact } from "../../../shared/documents/model.js";
import { table } from "../../../shared/documents/model.js";
import { cents, paymentsTable } from "../../../shared/documents/payments.js";
import { getContract } from "./contracts.js";
import { listPayments } from "./payments.js";
import { toContract } from "./view.js";

// A school contract on paper, for the school: terms and dates, the packages offered to its
// students, the value, what was paid and what is owed, every payment, and the clauses.

const TYPES = { annual: "Anual", semester: "Semestral", monthly: "Mensual", project: "Por proyecto" } as const;
const STATUSES = { draft: "Borrador", active: "Vigente", completed: "Concluido", rescinded: "Rescindido" } as const;
const DELIVERY = { school: "En el colegio", home: "A domicilio" } as const;

/** The contract of the caller's studio (404 for any other id). */
export const contractPrintable =
  (db: Executor, id: number): DocumentMaker =>
  async (studio) => {
    const contract = await toContract(db, await getContract(db, id));
    const [[school], payments] = await Promise.all([
      db
        .select({ taxId: clients.taxId, address: clients.address, contact: clients.contactName, phone: clients.phone })
        .from(clients)
        .where(eq(clients.id, contract.schoolId))
        .limit(1),
      listPayments(db, id),
    ]);
    const text = (label: string, value: string | null | undefined): DocumentFact[] =>
      value ? [{ label, value, type: "text" }] : [];
    const day = (label: string, value: string | null): DocumentFact[] =>
      value ? [{ label, value, type: "date" }] : [];
    const facts: DocumentFact[] = [
      ...text("Colegio", contract.schoolName),
      ...text("RUC", school?.taxId),
      ...text("Dirección", school?.address),
      ...text("Contacto", [school?.contact, school?.phone].filter(Boolean).join(" · ")),
      ...text("Tipo", TYPES[contract.type]),
      ...text("Estado", STATUSES[contract.status]),
      ...day("Desde", contract.validFrom),
      ...day("Hasta", contract.validTo),
      ...day("Día de fotos", contract.photoDay),
      ...day("Día de recuperación", contract.makeupDay),
      ...day("Fecha límite de pedidos", contract.orderDeadline),
      ...text("Entrega", DELIVERY[contract.deliveryTo]),
      { label: "Comisión del colegio", value: Number(contract.commissionPercent), type: "percent" },
    ];
    return {
      stem: `contrato_${contract.id}`,
      content: {
        title: "Contrato",
        subtitle: contract.title,
        facts,
        tables: [
          table({
            title: "Paquetes",
            columns: [
              { key: "name", header: "Paquete", type: "text", width: 20 },
              { key: "items", header: "Incluye", type: "text", width: 40 },
              { key: "price", header: "Precio", type: "money", width: 14 },
            ],
            rows: contract.packages.map((p) => ({ name: p.name, items: p.items.join(", "), price: cents(p.price) })),
          }),
          table({
            title: "Cuenta",
            columns: [
              { key: "concept", header: "Concepto", type: "text", width: 30 },
              { key: "amount", header: "Importe", type: "money", width: 16 },
            ],
            rows: [
              { concept: "Valor del contrato", amount: cents(contract.value) },
              { concept: "Pagado", amount: cents(contract.paid) },
              { concept: "Saldo", amount: cents(contract.balance) },
            ],
          }),
          ...(payments.results.length ? [paymentsTable(payments.results, studio.timeZone)] : []),
        ],
        notes: [
          ...(contract.status === "rescinded" && contract.rescindReason
            ? [`Rescindido: ${contract.rescindReason}`]
            : []),
          ...(contract.clauses ? ["Cláusulas", contract.clauses] : []),
          ...(contract.notes ? [contract.notes] : []),
        ],
      },
    };
  };
