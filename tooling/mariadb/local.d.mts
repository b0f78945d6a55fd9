// Types for local.mjs (plain ESM, no build step: it runs before `pnpm install`).

export interface StartResult {
  /** mysql://root:<password>@127.0.0.1:<port>: holds the password, never print it. */
  url: string;
  port: number;
  dataDir: string;
  /** false when the server was already running. */
  started: boolean;
}

export interface ServerStatus {
  port: number;
  dataDir: string;
  running: boolean;
  pid?: number;
  initialised: boolean;
}

export const repoRoot: string;
export const DEFAULT_PORT: number;

export function dataDirFor(port?: number): string;
export function socketPathFor(port?: number): string;
export function ensureMariaDBInstalled(): Promise<string>;
export function localMariaDBStatus(opts?: { port?: number }): ServerStatus;
export function localConnectionUrl(port?: number): string | undefined;
export function startLocalMariaDB(opts?: { port?: number }): Promise<StartResult>;
export function stopLocalMariaDB(opts?: {
  port?: number;
  quiet?: boolean;
}): Promise<{ stopped: boolean; port: number }>;
export function knownPorts(): number[];
export function stopAll(opts?: { quiet?: boolean }): Promise<number[]>;
