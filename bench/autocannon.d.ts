// autocannon ships no types and @types/autocannon is not installed: just the
// part of its programmatic API the benchmarks use, so `npm run typecheck` passes.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
      /** Called before every request; return the request to send. */
      setupRequest?: (req: Request, context: Record<string, unknown>) => Request | null | undefined;
      /** Makes autocannon keep response bodies; used to report error bodies. */
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      /** A fixed number of requests instead of a duration. */
      amount?: number;
      pipelining?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      requests?: Request[];
    }
    interface Stat {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }
    interface Result {
      duration: number;
      requests: Stat;
      latency: Stat;
      throughput: Stat;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      statusCodeStats: Record<string, { count: number }>;
    }
    /** The `response` event gives (client, statusCode, bytes, responseTimeMs). */
    type Instance = EventEmitter & Promise<Result>;
  }
  function autocannon(opts: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
