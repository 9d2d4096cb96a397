// The contract between bench/run.ts and each benchmark module. A benchmark
// returns plain numbers (they go to bench/results.json as-is) and knows how to
// turn a results map back into table rows, so BENCHMARKS.md can be rebuilt
// from results.json alone (e.g. after `--only` re-ran one benchmark).
import type { Server } from './processes';

export type Figures = Record<string, number>;

export type BenchContext = {
  /** The Next production server (`next start`). */
  next: Server;
  /** Environment for extra child processes: DATABASE_URL, AUTH_SECRET, … */
  env: NodeJS.ProcessEnv;
  /** Parsed flags, e.g. `--duration 10` → { duration: '10' }. */
  flags: Record<string, string | true>;
  /** Text facts for the machine section of BENCHMARKS.md (e.g. browser version). */
  info: Record<string, string>;
};

export type Row = { figure: string; value: string; yardstick: string; goal: string; pass?: boolean };

export type Benchmark = {
  name: string;
  run: (ctx: BenchContext) => Promise<Figures>;
  rows: (results: Figures) => Row[];
};
