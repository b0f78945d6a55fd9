/**
 * A seeded pseudo-random generator (mulberry32): the demo data set is the same on every machine
 * and every run, so screenshots, reports and bug reports about it agree.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `n` digits, the first not 0 unless `leadingZero`. */
  digits(n: number, leadingZero = false): string {
    let out = "";
    for (let i = 0; i < n; i++) out += String(i === 0 && !leadingZero ? this.int(1, 9) : this.int(0, 9));
    return out;
  }
}

/** A seed from a name: each demo studio gets its own data set. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** A Peruvian RUC with its check digit (SUNAT's modulo 11): `prefix` 10 (person), 20 (company). */
export function ruc(random: Random, prefix: "10" | "20"): string {
  const body = `${prefix}${random.digits(8, true)}`;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
  const check = (11 - (sum % 11)) % 11;
  return `${body}${check === 10 ? 0 : check}`;
}
