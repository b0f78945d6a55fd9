import { beforeAll } from "vitest";
import { msToMidnight } from "./studio-midnight.js";

// Tests build rows "today" and read them back as "today" (lists filtered by day, a contract's
// days left, this month's dashboard): when midnight in the studios' zone falls between the two,
// they see two studio days. A test file that would start within MARGIN_MS of that midnight waits
// until just past it instead; every file runs in well under MARGIN_MS, so each sees one studio
// day. (At most one wait of ~1.5 min in a run that happens to cross 00:00 in Lima, 05:00 UTC.)
const ZONE = "America/Lima";
const MARGIN_MS = 90_000;

beforeAll(async () => {
  const left = msToMidnight(new Date(), ZONE);
  if (left < MARGIN_MS) await new Promise((resolve) => setTimeout(resolve, left + 2_000));
}, MARGIN_MS + 10_000);
