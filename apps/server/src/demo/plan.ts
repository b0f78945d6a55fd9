import type { Random } from "./random.js";

// What happens to each demo order, decided before anything is created: its age, where its
// lifecycle stops and how it is paid. Older orders are mostly delivered; the newest are quotes,
// confirmed or in the workshop; a few are cancelled, a few run late.

export type DemoStatus = "draft" | "confirmed" | "in_production" | "ready" | "delivered" | "cancelled";

export interface OrderPlan {
  /** Hours before now the order was taken. */
  ageHours: number;
  /** The same, in whole days. */
  ageDays: number;
  status: DemoStatus;
  /** The share of the total left as a deposit (0 = none). */
  depositShare: number;
  /** Framed pieces in the order (0 = prints, retouching and souvenirs only). */
  frames: number;
  /** Promised this many days after it was taken. */
  promisedAfterDays: number;
}

const DAYS = 182;

function statusFor(random: Random, ageDays: number): DemoStatus {
  if (ageDays > 30) return random.chance(0.9) ? "delivered" : "cancelled";
  if (ageDays > 12) return random.pick(["delivered", "delivered", "ready", "in_production", "cancelled"] as const);
  return random.pick(["draft", "draft", "confirmed", "in_production", "ready"] as const);
}

/** `count` orders spread over the last six months, oldest first; every status appears. */
export function planOrders(random: Random, count: number): OrderPlan[] {
  const ages = Array.from({ length: count }, () => random.int(2, DAYS * 24)).sort((a, b) => b - a);
  const plans = ages.map((ageHours): OrderPlan => {
    const ageDays = Math.floor(ageHours / 24);
    const status = statusFor(random, ageDays);
    const frames = random.chance(0.45) ? random.int(1, 2) : 0;
    return {
      ageHours,
      ageDays,
      status,
      depositShare: status === "draft" ? 0 : random.pick([0, 0.3, 0.5, 0.5]),
      frames,
      promisedAfterDays: random.int(2, 12),
    };
  });
  // Every state at least once, on the newest orders (where each is plausible).
  const newest = plans.slice(-6);
  (["draft", "confirmed", "in_production", "ready", "cancelled", "delivered"] as const).forEach((status, i) => {
    const plan = newest[i];
    if (plan && !plans.some((p) => p.status === status)) plan.status = status;
  });
  return plans;
}
