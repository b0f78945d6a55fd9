import { type Database, orderPayments, orders } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { DEMO_MATERIALS } from "./catalog.js";
import { demoClients, mobilePhone, personName } from "./people.js";
import { type DemoStatus, planOrders } from "./plan.js";
import { Random, ruc, seedOf } from "./random.js";

// The demo studios' believable data set, made through the REST API as the legacy frontend would
// (so every rule, number and total is the product's own), then dated back over the last six
// months directly in the database (the API stamps "now"). Reproducible: the same sample and the
// same `now` give the same data on every machine.

export type DemoSample = "demo" | "norte";

/**
 * The parsed JSON of an answer. The demo reads a few fields of answers whose status it checked;
 * the output schemas already type them for real clients, restating them here would add nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
type Answer = any;

/** One REST call as the studio's owner: `/api/...`, a JSON body. */
export type RestCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Answer }>;

export interface DemoCounts {
  materials: number;
  clients: number;
  contracts: number;
  students: number;
  orders: number;
  payments: number;
  appointments: number;
}

const BUSINESS: Record<DemoSample, Record<string, unknown>> = {
  demo: {
    legalName: "Estudio Fotográfico Demo S.A.C.",
    tradeName: "Foto Estudio Demo",
    address: "Av. José Larco 812, Miraflores, Lima",
    phone: "+51 1 445 2210",
    email: "hola@fotoestudiodemo.pe",
    website: "https://fotoestudiodemo.pe",
    primaryColour: "#1f3a5f",
    secondaryColour: "#e0a82e",
  },
  norte: {
    legalName: "Marcos del Norte E.I.R.L.",
    tradeName: "Marcos del Norte",
    address: "Jr. Pizarro 455, Trujillo",
    phone: "+51 44 204 118",
    email: "ventas@marcosdelnorte.pe",
    website: "https://marcosdelnorte.pe",
    primaryColour: "#5b2333",
    secondaryColour: "#c9a227",
  },
};

const DAY = 86_400_000;
const money = (cents: number) => (cents / 100).toFixed(2);

/** Throws with the API's answer unless it is the expected status: demo data must never be half right. */
async function expect2xx(call: RestCall, method: string, path: string, body?: unknown) {
  const res = await call(method, path, body);
  if (res.status < 200 || res.status >= 300)
    throw new Error(`demo data: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Loads the data set unless the studio has orders already (then null: nothing is touched). */
export async function seedDemoStudio(
  call: RestCall,
  db: Database,
  sample: DemoSample,
  now = new Date(),
): Promise<DemoCounts | null> {
  const existing = await expect2xx(call, "GET", "/api/orders/?pageSize=1");
  if (existing.count > 0) return null;
  const random = new Random(seedOf(sample));
  const post = (path: string, body: unknown) => expect2xx(call, "POST", path, body);
  // Days in the studio's calendar (its time zone), as the API counts them.
  const { timeZone } = await expect2xx(call, "GET", "/api/config/system/");
  const calendar = new Intl.DateTimeFormat("en-CA", { timeZone });
  const day = (offset: number) => calendar.format(new Date(+now + offset * DAY));

  await expect2xx(call, "PUT", "/api/config/business/", { ...BUSINESS[sample], taxId: ruc(random, "20") });

  const materials = new Map<string, number>();
  for (const m of DEMO_MATERIALS) {
    const created = await post("/api/inventory/materials/", {
      category: m.category,
      subtype: m.subtype,
      code: m.code,
      name: m.name,
      unit: m.unit,
      ...(m.faceWidthMm ? { faceWidthMm: m.faceWidthMm } : {}),
      costPrice: money(m.cost),
      salePrice: money(m.sale),
      minQty: String(m.min),
      maxQty: String(m.max),
      wastePercent: String(m.waste ?? 0),
    });
    materials.set(m.code, created.id);
  }
  const mouldings = DEMO_MATERIALS.filter((m) => m.unit === "m").map((m) => materials.get(m.code) as number);

  const clients: { id: number; kind: string }[] = [];
  for (const client of demoClients(random, sample)) {
    const created = await post("/api/clients/", client);
    clients.push({ id: created.id, kind: client.kind });
  }
  const schools = clients.filter((c) => c.kind === "school");

  const services = (await expect2xx(call, "GET", "/api/config/services/?pageSize=100")).results as {
    id: number;
    name: string;
    basePrice: string;
  }[];
  const service = (name: string) => services.find((s) => s.name === name) as (typeof services)[number];

  const resources = [
    await post("/api/appointments/resources/", { name: `Fotógrafo: ${personName(random)}`, kind: "photographer" }),
    await post("/api/appointments/resources/", { name: "Set principal", kind: "room" }),
    await post("/api/appointments/resources/", { name: "Kit de iluminación portátil", kind: "equipment" }),
  ].map((r) => r.id as number);

  // Three school contracts: one about to end (expiring), one running, one completed last year.
  const contractPlans = [
    { title: "Promoción 2026 — fotos y anuario", type: "annual", from: -250, to: 20, value: 650000, status: "active" },
    {
      title: "Fotos escolares segundo semestre",
      type: "semester",
      from: -60,
      to: 120,
      value: 320000,
      status: "active",
    },
    { title: "Promoción 2025", type: "annual", from: -540, to: -175, value: 540000, status: "completed" },
  ] as const;
  const contracts: { id: number; schoolId: number; from: number; students: number[]; packages: number[] }[] = [];
  let studentCount = 0;
  for (const [i, plan] of contractPlans.entries()) {
    const school = schools[i] as { id: number };
    const created = await post("/api/contracts/", {
      schoolId: school.id,
      title: plan.title,
      type: plan.type,
      validFrom: day(plan.from),
      validTo: day(plan.to),
      value: money(plan.value),
      commissionPercent: "10",
      deliveryTo: "school",
      packages: [
        { name: "Paquete básico", price: "45.00", items: ["Foto individual 13×18", "Foto grupal 20×30"] },
        { name: "Paquete completo", price: "85.00", items: ["Foto individual 20×30", "Foto grupal", "Llavero"] },
      ],
    });
    const roster = ["nivel;grado;seccion;nombre;apoderado;telefono"];
    const size = 18 + i * 3;
    for (let s = 0; s < size; s++) {
      const level = random.pick(["primaria", "secundaria"]);
      roster.push(
        [
          level,
          String(random.int(1, level === "primaria" ? 6 : 5)),
          random.pick(["A", "B"]),
          personName(random),
          personName(random),
          mobilePhone(random),
        ].join(";"),
      );
    }
    await post(`/api/contracts/${created.id}/students/import/`, { csv: roster.join("\n") });
    studentCount += size;
    await post(`/api/contracts/${created.id}/transition/`, { to: "active" });
    await post(`/api/contracts/${created.id}/payments/`, {
      kind: "deposit",
      amount: money(plan.value * 0.3),
      method: "transfer",
    });
    if (plan.status === "completed") {
      await post(`/api/contracts/${created.id}/payments/`, {
        kind: "payment",
        amount: money(plan.value * 0.7),
        method: "transfer",
      });
      await post(`/api/contracts/${created.id}/transition/`, { to: "completed" });
    }
    const detail = await expect2xx(call, "GET", `/api/contracts/${created.id}/`);
    const students = (await expect2xx(call, "GET", `/api/contracts/${created.id}/students/?pageSize=100`)).results;
    contracts.push({
      id: created.id,
      schoolId: school.id,
      from: plan.from,
      students: students.map((s: { id: number }) => s.id),
      packages: (detail.packages ?? []).map((p: { id: number }) => p.id),
    });
  }

  // Sixty orders, oldest first so that numbers grow with dates.
  const plans = planOrders(random, 60);
  let paymentCount = 0;
  const dated: { id: number; created: Date; plan: (typeof plans)[number] }[] = [];
  for (const plan of plans) {
    const client = random.pick(clients);
    const running = contracts[1] as (typeof contracts)[number];
    // Orders under the running contract stay inside its validity once dated back.
    const underContract = plan.ageDays < 55 && random.chance(0.2);
    const lines: unknown[] = [];
    for (let f = 0; f < plan.frames; f++) {
      const side = random.pick([0, 0, 30, 50]);
      lines.push({
        kind: "frame",
        quantity: "1",
        description: random.pick(["Cuadro foto familiar", "Diploma enmarcado", "Lámina decorativa", "Óleo"]),
        frame: {
          artWidthMm: random.pick([200, 300, 400, 500, 600]),
          artHeightMm: random.pick([250, 300, 400, 500, 700]),
          mat: { leftMm: side, rightMm: side, topMm: side, bottomMm: side },
          mouldingId: random.pick(mouldings),
          ...(random.chance(0.3) ? { glazingId: materials.get("VID-002") } : {}),
        },
      });
    }
    const extra = random.pick([
      { name: "Impresión Minilab", qty: String(random.int(10, 120)) },
      { name: "Retoque Fotográfico", qty: String(random.int(1, 6)) },
      { name: "Ampliación", qty: String(random.int(1, 3)) },
      { name: "Recordatorio Escolar", qty: String(random.int(20, 60)) },
    ]);
    if (lines.length === 0 || random.chance(0.4)) {
      const s = service(extra.name);
      lines.push({ kind: "item", serviceId: s.id, description: s.name, quantity: extra.qty, unitPrice: s.basePrice });
    }
    if (underContract) {
      lines.push({ kind: "item", packageId: random.pick(running.packages), quantity: String(random.int(1, 2)) });
    }
    const created = await post("/api/orders/", {
      clientId: underContract ? running.schoolId : client.id,
      serviceId: service(plan.frames > 0 ? "Enmarcado" : extra.name).id,
      priority: random.chance(0.15) ? "rush" : "normal",
      promisedAt: day(-plan.ageDays + plan.promisedAfterDays),
      ...(underContract
        ? {
            contractId: running.id,
            studentId: random.pick(running.students),
            level: "primaria",
            grade: String(random.int(1, 6)),
            section: random.pick(["A", "B"]),
          }
        : {}),
      lines,
    });
    const totalCents = Math.round(Number(created.total) * 100);
    const pay = async (kind: string, cents: number, method: string) => {
      if (cents <= 0) return;
      await post(`/api/orders/${created.id}/payments/`, { kind, amount: money(cents), method });
      paymentCount++;
    };
    const deposit = Math.round(totalCents * plan.depositShare);
    await pay("deposit", deposit, random.pick(["cash", "wallet", "card"]));
    const path = lifecycle(plan.status, plan.frames > 0);
    for (const to of path) {
      if (to === "delivered") await pay("payment", totalCents - deposit, random.pick(["cash", "card", "transfer"]));
      if (to === "cancelled" && deposit > 0) await pay("refund", deposit, "cash");
      await post(`/api/orders/${created.id}/transition/`, {
        to,
        ...(to === "cancelled" ? { reason: "El cliente desistió del pedido" } : {}),
      });
    }
    dated.push({ id: created.id, created: new Date(+now - plan.ageHours * 3_600_000), plan });
  }
  await dateOrdersBack(db, dated);

  const appointmentCount = await seedAppointments(post, random, now, resources, clients, contracts);
  return {
    materials: materials.size,
    clients: clients.length,
    contracts: contracts.length,
    students: studentCount,
    orders: plans.length,
    payments: paymentCount,
    appointments: appointmentCount,
  };
}

/** The transitions that take a new draft to `status`. */
function lifecycle(status: DemoStatus, produced: boolean): DemoStatus[] {
  const forward: DemoStatus[] = produced
    ? ["confirmed", "in_production", "ready", "delivered"]
    : ["confirmed", "ready", "delivered"];
  if (status === "draft") return [];
  if (status === "cancelled") return ["confirmed", "cancelled"];
  return forward.slice(0, forward.indexOf(status) + 1);
}

/** The API stamps "now": each order, its payments and its milestones get its own date in the past. */
async function dateOrdersBack(
  db: Database,
  dated: { id: number; created: Date; plan: { promisedAfterDays: number; status: DemoStatus } }[],
) {
  await db.transaction(async (tx) => {
    for (const { id, created, plan } of dated) {
      const at = (hours: number) => new Date(+created + hours * 3_600_000);
      const doneAfter = plan.promisedAfterDays * 24 + (plan.status === "delivered" ? 4 : 0);
      await tx
        .update(orders)
        .set({
          createdAt: created,
          updatedAt: created,
          confirmedAt: plan.status === "draft" ? null : at(1),
          deliveredAt: plan.status === "delivered" ? at(doneAfter) : null,
          cancelledAt: plan.status === "cancelled" ? at(30) : null,
          promisedAt: at(plan.promisedAfterDays * 24),
        })
        .where(eq(orders.id, id));
      const payments = await tx
        .select({ id: orderPayments.id, kind: orderPayments.kind })
        .from(orderPayments)
        .where(eq(orderPayments.orderId, id));
      for (const p of payments) {
        const when = p.kind === "deposit" ? at(0.5) : p.kind === "refund" ? at(30) : at(doneAfter);
        await tx.update(orderPayments).set({ createdAt: when }).where(eq(orderPayments.id, p.id));
      }
    }
  });
}

const TYPES = ["session", "delivery", "pickup", "meeting", "photo_day"] as const;

/** Forty appointments: 25 in the last four weeks (mostly completed), 15 in the next two. */
async function seedAppointments(
  post: (path: string, body: unknown) => Promise<Answer>,
  random: Random,
  now: Date,
  resources: number[],
  clients: { id: number }[],
  contracts: { id: number }[],
): Promise<number> {
  const taken = new Set<string>();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  let made = 0;
  for (let i = 0; i < 40; i++) {
    const past = i < 25;
    let slot: { dayOffset: number; hour: number; resource: number };
    do {
      slot = {
        dayOffset: past ? -random.int(1, 28) : random.int(1, 14),
        // 9:00–17:00 Lima (UTC−5) → 14:00–22:00 UTC
        hour: random.int(14, 21),
        resource: random.pick(resources),
      };
    } while (taken.has(`${slot.dayOffset}/${slot.hour}/${slot.resource}`));
    taken.add(`${slot.dayOffset}/${slot.hour}/${slot.resource}`);
    const type = random.pick(TYPES);
    const startsAt = new Date(today + slot.dayOffset * DAY + slot.hour * 3_600_000);
    const created = await post("/api/appointments/", {
      type,
      title:
        type === "photo_day"
          ? "Día de fotos en el colegio"
          : type === "session"
            ? random.pick(["Sesión familiar", "Sesión de bebé", "Fotos de graduación", "Sesión de pareja"])
            : type === "delivery"
              ? "Entrega de cuadros"
              : type === "pickup"
                ? "Recojo de obra para enmarcar"
                : "Reunión con el cliente",
      resourceId: slot.resource,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(+startsAt + 50 * 60_000).toISOString(),
      ...(type === "photo_day" ? { contractId: random.pick(contracts).id } : { clientId: random.pick(clients).id }),
      location: type === "photo_day" ? "En el colegio" : "En el estudio",
    });
    const path = past
      ? random.pick([["confirmed", "completed"], ["confirmed", "completed"], ["confirmed", "no_show"], ["cancelled"]])
      : random.pick([[], ["confirmed"], ["confirmed"]]);
    for (const to of path) await post(`/api/appointments/${created.id}/transition/`, { to });
    made++;
  }
  return made;
}
