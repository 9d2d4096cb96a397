// Benchmark A: POST /api/v1/articles/:id/annotations under load, Next vs a
// bare node:http + pg server doing the same work (bench/bare-server.ts).
// Rounds alternate bare, next, bare, next… so drift on this noisy machine
// (other processes, Postgres autovacuum, a growing Annotation table) hits both
// sides alike; the figures are medians over the rounds.
import { runAutocannon } from './run-autocannon';
import { freePort } from '../scripts/embedded-postgres';
import { addMember, makeArticle, makeProject, makeToken, makeUser } from '../test/factories';
import { generateArticle, generateRanges, type SpanRange } from './fixtures';
import { startProcess, type Server } from './processes';
import { median, percentile, round } from './stats';
import type { Benchmark, Figures, Row } from './types';

type RunStats = { rps: number; p50: number; p95: number; p99: number; non2xx: number; errors: number; samples: string[] };

/** The bare node:http + pg yardstick server (bench/bare-server.ts), on a free port. */
export async function startBareServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const port = await freePort();
  return startProcess('bare server', process.execPath, ['--import', 'tsx', 'bench/bare-server.ts'], { ...env, PORT: String(port) }, `http://127.0.0.1:${port}`, '/health');
}

/** One request's span and whose API token sends it. */
export type SpanRequest = { range: SpanRange; token: string };

/**
 * The ranges one after another, never the same request twice across runs:
 * the API refuses an analyst's second span on the same words with the same
 * tag, so when the ranges run out the next analyst's token takes them again.
 * Past ranges × tokens they repeat, and the runs report the refusals as non-2xx.
 */
export function spanFeed(ranges: SpanRange[], tokens: string[]): () => SpanRequest {
  let next = 0;
  return () => {
    const n = next++;
    return { range: ranges[n % ranges.length], token: tokens[Math.floor(n / ranges.length) % tokens.length] };
  };
}

/** Span creation, `connections` at a time for `seconds`, one autocannon run; latencies are collected per response for exact percentiles. */
export async function createSpans(server: Server, articleId: string, nextSpan: () => SpanRequest, seconds: number, connections: number, timeoutS = 10): Promise<RunStats> {
  const samples: string[] = [];
  const { latencies, result: r } = await runAutocannon(server, {
    connections,
    duration: seconds,
    timeout: timeoutS,
    requests: [
      {
        method: 'POST',
        path: `/api/v1/articles/${articleId}/annotations`,
        // A different valid range each request: the same offsets every time
        // would let caches flatter both servers (and be refused as twins).
        setupRequest: (req) => {
          const { range, token } = nextSpan();
          return { ...req, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(range) };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  return {
    rps: latencies.length / r.duration,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    samples,
  };
}

async function run(ctx: Parameters<Benchmark['run']>[0]): Promise<Figures> {
  const seconds = Number(ctx.flags.duration ?? 10);
  const rounds = Number(ctx.flags.rounds ?? 3);
  const connections = Number(ctx.flags.connections ?? 16);

  // A long news article (~2,000 words) in a project where the caller is an analyst.
  const project = await makeProject();
  // Four analysts: each can tag a range with a tag once, and a run sends tens of thousands.
  const tokens: string[] = [];
  for (let i = 1; i <= 4; i++) {
    const user = await makeUser({ name: `Bench Analyst ${i}` });
    await addMember(user.id, project.id, 'ANALYST');
    tokens.push(await makeToken(user.id));
  }
  const generated = generateArticle(2_000, 101);
  const article = await makeArticle(project.id, { title: 'Span-create benchmark', text: generated.text });
  if (article.text !== generated.text) throw new Error('generated text is not canonical (NFC/LF): offsets would be wrong');
  // Enough distinct requests for every run of both servers (the bare one takes ~1,400 a second).
  const nextSpan = spanFeed(generateRanges(generated, 25_000, 102), tokens);

  const bare = await startBareServer(ctx.env);
  try {
    const servers = { bare, next: ctx.next };
    // Warm-up: JIT, Next's lazily loaded route modules, both connection pools.
    for (const [name, server] of Object.entries(servers)) {
      const w = await createSpans(server, article.id, nextSpan, 3, connections);
      console.log(`[span-create] warm-up ${name}: ${w.rps.toFixed(0)} req/s`);
    }
    const stats: Record<'bare' | 'next', RunStats[]> = { bare: [], next: [] };
    for (let i = 0; i < rounds; i++) {
      for (const name of ['bare', 'next'] as const) {
        const s = await createSpans(servers[name], article.id, nextSpan, seconds, connections);
        stats[name].push(s);
        console.log(
          `[span-create] round ${i + 1} ${name}: ${s.rps.toFixed(0)} req/s, p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, non-2xx ${s.non2xx}, errors ${s.errors}`,
        );
        for (const sample of s.samples) console.log(`[span-create]   ${name} error response: ${sample}`);
      }
    }
    const figures: Figures = {
      'span_create.connections': connections,
      'span_create.duration_s': seconds,
      'span_create.rounds': rounds,
      'span_create.article_words': generated.words.length,
    };
    for (const name of ['bare', 'next'] as const) {
      const runs = stats[name];
      const pick = (f: (s: RunStats) => number) => runs.map(f);
      figures[`span_create.${name}.rps`] = round(median(pick((s) => s.rps)), 1);
      figures[`span_create.${name}.rps_min`] = round(Math.min(...pick((s) => s.rps)), 1);
      figures[`span_create.${name}.rps_max`] = round(Math.max(...pick((s) => s.rps)), 1);
      figures[`span_create.${name}.p50_ms`] = round(median(pick((s) => s.p50)), 1);
      figures[`span_create.${name}.p95_ms`] = round(median(pick((s) => s.p95)), 1);
      figures[`span_create.${name}.p99_ms`] = round(median(pick((s) => s.p99)), 1);
      figures[`span_create.${name}.non2xx`] = pick((s) => s.non2xx).reduce((a, b) => a + b, 0);
      figures[`span_create.${name}.errors`] = pick((s) => s.errors).reduce((a, b) => a + b, 0);
    }
    figures['span_create.ratio'] = round(figures['span_create.next.rps'] / figures['span_create.bare.rps'], 3);
    return figures;
  } finally {
    await bare.stop();
  }
}

function rows(r: Figures): Row[] {
  if (r['span_create.ratio'] === undefined) return [];
  const ms = (k: string) => `${r[k]} ms`;
  const ok = (k: string) => r[`span_create.next.${k}`] + r[`span_create.bare.${k}`];
  return [
    // The min–max over the rounds shows how noisy the machine was.
    {
      figure: 'span_create.next.rps (min–max)',
      value: `${r['span_create.next.rps']} req/s (${r['span_create.next.rps_min']}–${r['span_create.next.rps_max']})`,
      yardstick: `bare: ${r['span_create.bare.rps']} req/s (${r['span_create.bare.rps_min']}–${r['span_create.bare.rps_max']})`,
      goal: '',
    },
    { figure: 'span_create.ratio (next/bare)', value: String(r['span_create.ratio']), yardstick: '1.0 = bare', goal: '≥ 0.5', pass: r['span_create.ratio'] >= 0.5 },
    { figure: 'span_create.next.p95_ms', value: ms('span_create.next.p95_ms'), yardstick: `bare: ${ms('span_create.bare.p95_ms')}`, goal: '< 50 ms', pass: r['span_create.next.p95_ms'] < 50 },
    { figure: 'span_create.next.p50_ms', value: ms('span_create.next.p50_ms'), yardstick: `bare: ${ms('span_create.bare.p50_ms')}`, goal: '' },
    { figure: 'span_create.next.p99_ms', value: ms('span_create.next.p99_ms'), yardstick: `bare: ${ms('span_create.bare.p99_ms')}`, goal: '' },
    {
      figure: 'span_create.{next,bare}.non2xx + errors',
      value: `${r['span_create.next.non2xx']} + ${r['span_create.next.errors']}`,
      yardstick: `bare: ${r['span_create.bare.non2xx']} + ${r['span_create.bare.errors']}`,
      goal: '0',
      pass: ok('non2xx') + ok('errors') === 0,
    },
  ];
}

export const spanCreate: Benchmark = { name: 'span-create', run, rows };
