import { Random, seedOf } from "./random.js";

// What every part of the demo data set works with: the studio's REST API as its owner, the
// seeded generator, and the studio's calendar.

export type DemoSample = "demo" | "norte";

/**
 * The parsed JSON of an answer. The demo reads a few fields of answers whose status it checked;
 * the output schemas already type them for real clients, restating them here would add nothing.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Answer = any;

/** One REST call as the studio's owner: `/api/...`, a JSON body. */
export type RestCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: Answer }>;

export const DAY = 86_400_000;
/** Whole cents as the API's decimal string (a share of an amount is rounded to the cent first). */
export const money = (cents: number) => {
  const c = Math.round(cents);
  return `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, "0")}`;
};
/** The API's decimal string ("123.45", always two decimals) as whole cents. */
export const cents = (amount: string) => Number(amount.replace(".", ""));

/** Throws with the API's answer unless it is the expected status: demo data must never be half right. */
export async function expect2xx(call: RestCall, method: string, path: string, body?: unknown) {
  const res = await call(method, path, body);
  if (res.status < 200 || res.status >= 300)
    throw new Error(`demo data: ${method} ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** One studio's loading: its API, its generator, "now" and its calendar days. */
export interface Demo {
  call: RestCall;
  post(path: string, body: unknown): Promise<Answer>;
  get(path: string): Promise<Answer>;
  random: Random;
  now: Date;
  /** The studio's calendar day `offset` days from now (its time zone, as the API counts days). */
  day(offset: number): string;
}

export async function openDemo(call: RestCall, sample: DemoSample, now: Date): Promise<Demo> {
  const get = (path: string) => expect2xx(call, "GET", path);
  const { timeZone } = await get("/api/config/system/");
  const calendar = new Intl.DateTimeFormat("en-CA", { timeZone });
  return {
    call,
    post: (path, body) => expect2xx(call, "POST", path, body),
    get,
    random: new Random(seedOf(sample)),
    now,
    day: (offset) => calendar.format(new Date(+now + offset * DAY)),
  };
}
