// Types for coverage.mjs (plain ESM: the bootstrap reads it before `pnpm install`).

export const coverageThresholds: { lines: number; branches: number };
export const coverageDirectory: string;
export const coverageInclude: string[];
export const coverageExclude: string[];
