import autocannon from 'autocannon';
import type { Server } from './processes';

/**
 * One autocannon run against `server`, with every response's latency kept
 * (autocannon's own histogram rounds; we want exact percentiles). Fails if the
 * server died meanwhile or nothing answered at all.
 */
export async function runAutocannon(server: Server, options: Omit<autocannon.Options, 'url'>): Promise<{ latencies: number[]; result: autocannon.Result }> {
  server.assertAlive();
  const latencies: number[] = [];
  const instance = autocannon({ url: server.url, ...options });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result = await instance;
  server.assertAlive();
  if (latencies.length === 0) throw new Error(`no responses from ${server.url} (${result.errors} socket errors)`);
  return { latencies, result };
}
