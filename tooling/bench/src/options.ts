import { parseArgs } from "node:util";

export interface BenchOptions {
  /** Seconds of measured load per target per round. */
  duration: number;
  /** Seconds of unmeasured load before each measurement (JIT, pools, caches). */
  warmup: number;
  connections: number;
  rounds: number;
  build: boolean;
  /** Many-studios mode: provision this many studios and compare one studio against all of them (0: off). */
  studios: number;
  /**
   * Many-studios mode: the app's SESSION_CACHE_SECONDS; null: the app's default (60 s, its cache
   * relay on). `--session-cache 0` measures every request paying its session and settings
   * statements; `--session-cache 5` the lifetime the caches had before the relay, when a thousand
   * studios each visited every few seconds outlived their entries half the time.
   */
  sessionCache: number | null;
}

const USAGE = `pnpm bench [--duration 10] [--warmup 2] [--connections 50] [--rounds 3] [--no-build] [--studios N [--session-cache S]]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    // `pnpm bench -- --duration 5` passes the `--` through.
    args: argv.filter((a) => a !== "--"),
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "2" },
      // The load (issue 8): 50 concurrent clients.
      connections: { type: "string", default: "50" },
      rounds: { type: "string", default: "3" },
      studios: { type: "string", default: "0" },
      "session-cache": { type: "string" },
      // Node 20's parseArgs has no --no-* negation: spelled out.
      "no-build": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    duration: positiveInt("duration", values.duration),
    warmup: positiveInt("warmup", values.warmup, 0),
    connections: positiveInt("connections", values.connections),
    rounds: positiveInt("rounds", values.rounds),
    build: !values["no-build"],
    studios: positiveInt("studios", values.studios, 0),
    sessionCache:
      values["session-cache"] === undefined ? null : positiveInt("session-cache", values["session-cache"], 0),
  };
}

function positiveInt(name: string, value: string, min = 1): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer >= ${min} (got "${value}")\n${USAGE}`);
  return n;
}
