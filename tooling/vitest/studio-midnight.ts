/**
 * Milliseconds from `now` to the next midnight in `timeZone`, for a zone whose days are all 24 h
 * (America/Lima keeps no daylight saving time).
 */
export function msToMidnight(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const elapsed = ((part("hour") * 60 + part("minute")) * 60 + part("second")) * 1000 + now.getUTCMilliseconds();
  return 86_400_000 - elapsed;
}
