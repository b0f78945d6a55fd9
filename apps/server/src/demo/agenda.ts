import { DAY, type Demo } from "./api.js";

const TYPES = ["session", "delivery", "pickup", "meeting", "photo_day"] as const;

/** Forty appointments: 25 in the last four weeks (mostly completed), 15 in the next two. */
export async function seedAppointments(
  { post, random, now }: Demo,
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
