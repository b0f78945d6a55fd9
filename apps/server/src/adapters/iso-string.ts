const DAY_MS = 86_400_000;
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const dayPrefixes = new Map<number, string>();

/**
 * `date.toISOString()`, several times faster: the day's part ("2026-12-02T", or an extended year's)
 * comes from toISOString once per day and is kept; the time of day is formatted here. A list page
 * holds about 100 Dates, and toISOString was a third of the tRPC serializer's time (trpc-serialize.ts);
 * REST bodies use it too (json-text.ts).
 */
export function isoString(date: Date, time = date.getTime()): string {
  const day = Math.floor(time / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    const full = date.toISOString();
    prefix = full.slice(0, full.length - 13); // "HH:mm:ss.sssZ" is always 13 characters
    if (dayPrefixes.size >= 4096) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  let rest = time - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  rest -= seconds * 1000;
  return `${prefix}${TWO[hours]}:${TWO[minutes]}:${TWO[seconds]}.${THREE[rest]}Z`;
}
