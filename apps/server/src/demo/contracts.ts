import type { Demo } from "./api.js";
import { money } from "./api.js";
import { mobilePhone, personName } from "./people.js";

export interface DemoContract {
  id: number;
  schoolId: number;
  students: number[];
  packages: number[];
}

/**
 * Three school contracts with packages, rosters (imported as CSV, as a studio would) and
 * payments: one about to end (expiring), one running, one completed last year.
 */
export async function seedContracts(
  { post, get, random, day }: Demo,
  schools: { id: number }[],
): Promise<{ contracts: DemoContract[]; students: number }> {
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
  const contracts: DemoContract[] = [];
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
    const detail = await get(`/api/contracts/${created.id}/`);
    const students = (await get(`/api/contracts/${created.id}/students/?pageSize=100`)).results;
    contracts.push({
      id: created.id,
      schoolId: school.id,
      students: students.map((s: { id: number }) => s.id),
      packages: (detail.packages ?? []).map((p: { id: number }) => p.id),
    });
  }

  return { contracts, students: studentCount };
}
