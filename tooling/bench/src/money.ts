// Money as the app handles it: DECIMAL text ↔ integer cents, never a float in between.

const MONEY = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/;

/** "8.20" → 820, "-1.5" → -150; throws on anything that is not a decimal with ≤ 2 places. */
export function parseCents(value: string): number {
  const match = MONEY.exec(value.trim());
  if (!match) throw new Error(`not money: "${value}"`);
  const [, sign, whole = "0", fraction = ""] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return sign === "-" && cents !== 0 ? -cents : cents;
}

/** 820 → "8.20": the API's decimal string. */
export function formatCents(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
