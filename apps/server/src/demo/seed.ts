import type { Database } from "@fotostudio/db";
import { seedAppointments } from "./agenda.js";
import { type Demo, type DemoSample, expect2xx, money, openDemo, type RestCall } from "./api.js";
import { DEMO_MATERIALS } from "./catalog.js";
import { seedContracts } from "./contracts.js";
import { seedCounter } from "./counter.js";
import { seedOrders } from "./orders.js";
import { demoClients, personName } from "./people.js";
import { seedProduction } from "./production.js";
import { ruc } from "./random.js";

// The demo studios' believable data set, made through the REST API as the legacy frontend would
// (so every rule, number and total is the product's own), then dated back over the last six
// months directly in the database (the API stamps "now"). Reproducible: the same sample and the
// same `now` give the same data on every machine.

export type { DemoSample, RestCall } from "./api.js";

export interface DemoCounts {
  materials: number;
  receipts: number;
  clients: number;
  contracts: number;
  students: number;
  orders: number;
  payments: number;
  appointments: number;
  productionOrders: number;
  productsMade: number;
  walkIns: number;
  walkInPayments: number;
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

/** Loads the data set unless the studio has orders already (then null: nothing is touched). */
export async function seedDemoStudio(
  call: RestCall,
  db: Database,
  sample: DemoSample,
  now = new Date(),
): Promise<DemoCounts | null> {
  const demo = await openDemo(call, sample, now);
  if ((await demo.get("/api/orders/?pageSize=1")).count > 0) return null;
  const { post, get, random } = demo;
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
      wastePercent: String(m.waste),
    });
    materials.set(m.code, created.id);
  }
  const receipts = await seedStock(post, materials);
  const mouldings = DEMO_MATERIALS.filter((m) => m.unit === "m").map((m) => materials.get(m.code) as number);

  const clients: { id: number; kind: string }[] = [];
  for (const client of demoClients(random, sample)) {
    const created = await post("/api/clients/", client);
    clients.push({ id: created.id, kind: client.kind });
  }
  const schools = clients.filter((c) => c.kind === "school");

  const services = (await get("/api/config/services/?pageSize=100")).results as {
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

  const { contracts, students } = await seedContracts(demo, schools);
  const { orders, payments } = await seedOrders(demo, db, {
    clients,
    running: contracts[1] as (typeof contracts)[number],
    mouldings,
    glazingId: materials.get("VID-002") as number,
    service,
  });
  const appointments = await seedAppointments(demo, resources, clients, contracts);
  const production = await seedProduction(demo, materials);
  const counter = await seedCounter(demo, clients, service);
  return {
    materials: materials.size,
    receipts,
    clients: clients.length,
    contracts: contracts.length,
    students,
    orders,
    payments,
    appointments,
    ...production,
    ...counter,
  };
}

/**
 * Stock as a studio has it on a normal day: a receipt for every material kept in stock (software,
 * equipment and design templates are not), at its catalog cost, to about two thirds of its
 * maximum; every fifth one only half its minimum, so the alerts and reorder lists have rows.
 */
async function seedStock(post: Demo["post"], materials: Map<string, number>): Promise<number> {
  let receipts = 0;
  for (const [i, m] of DEMO_MATERIALS.entries()) {
    if (m.category === "software" || m.category === "diseno" || m.max <= 0) continue;
    const quantity = i % 5 === 4 ? m.min / 2 : Math.round((m.max * 2) / 3);
    if (quantity <= 0) continue;
    await post("/api/inventory/movements/", {
      type: "receipt",
      materialId: materials.get(m.code),
      quantity: String(quantity),
      unitCost: money(m.cost),
      reason: "Inventario inicial",
    });
    receipts++;
  }
  return receipts;
}
