// Benchmark D: latency of GET /api/v1/annotations/{id}/suggestions?limit=10
// over a project of at least 100,000 sentences.
//
// The FNC-1 bodies (train 1,683 + test 904) are imported through the app's
// import path; they hold somewhat under 100,000 sentences, so variants of
// bodies are imported too (paragraphs in a shuffled order plus a one-line
// suffix, each with its own externalId) until the project reaches the target.
// ~200 spans are created (createAnnotation, as the API does) on random
// sentences of random articles, then the Next production server is asked for
// their suggestions with a Bearer token, a few requests at a time, each
// request another span (rotating).
//
// Yardstick, in the same run and the same process as the load generator:
// rankSentences (the one SQL statement behind the endpoint) called directly
// with the arguments suggestFor gives it, with the same concurrency; the gap
// is HTTP, auth (token lookup), the span lookup and JSON.
//
// Rounds alternate direct, HTTP, direct, HTTP… so drift hits both alike;
// percentiles are over every request of all rounds.
import { performance } from 'node:perf_hooks';
import { runAutocannon } from './run-autocannon';
import { stringify } from 'csv-stringify/sync';
import { createAnnotation } from '@/lib/annotations/create-annotation';
import { LABELS } from '@/lib/annotations/dto';
import { normalizeText } from '@/lib/anchoring/normalize-text';
import { splitSentences } from '@/lib/sentences/split-sentences';
import { rankSentences } from '@/lib/suggestions/rank-sentences';
import { addMember, makeProject, makeToken, makeUser, testDb } from '../test/factories';
import { rng } from './fixtures';
import { importCsvText, importFnc1, readBodies, type Fnc1Body } from './fnc1';
import { percentile, round } from './stats';
import type { Benchmark, BenchContext, Figures, Row } from './types';

const LIMIT = 10;

type Span = { id: string; articleId: string; exact: string };
type Samples = { ms: number[]; non2xx: number; errors: number; results: number; empty: number; errorSamples: string[] };
const samples = (): Samples => ({ ms: [], non2xx: 0, errors: 0, results: 0, empty: 0, errorSamples: [] });

async function projectSentences(projectId: string): Promise<number> {
  return testDb().sentence.count({ where: { article: { projectId } } });
}

/**
 * Variants of the bodies until about `needed` more sentences: the paragraphs
 * of a body in a shuffled order and a suffix line, so no two articles share
 * their text (nor their externalId).
 */
function variants(bodies: Fnc1Body[], needed: number, seed: number): { rows: string[][]; sentences: number } {
  const r = rng(seed);
  const rows: string[][] = [];
  let sentences = 0;
  for (let round = 1; sentences < needed; round++) {
    const order = bodies.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const i of order) {
      if (sentences >= needed) break;
      const body = bodies[i];
      const paragraphs = normalizeText(body.text).split(/\n\s*\n/).filter((p) => p.trim());
      for (let k = paragraphs.length - 1; k > 0; k--) {
        const j = r.int(k + 1);
        [paragraphs[k], paragraphs[j]] = [paragraphs[j], paragraphs[k]];
      }
      const text = [...paragraphs, `Republished copy ${round} of report ${body.bodyId}.`].join('\n\n');
      rows.push([`${body.bodyId}-v${round}`, text]);
      sentences += splitSentences(text).length;
    }
  }
  return { rows, sentences };
}

/** Random sentences (seeded, in a stable order) of the project become spans, as a user would highlight them. */
async function makeSpans(projectId: string, caller: { id: string; name: string; email: string }, count: number, seed: number): Promise<Span[]> {
  const candidates = await testDb().$queryRaw<{ articleId: string; start: number; end: number }[]>`
    SELECT s."articleId", s.start, s."end"
      FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId"
     WHERE a."projectId" = ${projectId} AND length(s.text) BETWEEN 30 AND 1000
     ORDER BY a."externalId", s.start`;
  if (candidates.length < count) throw new Error(`only ${candidates.length} sentences to make spans of`);
  const r = rng(seed);
  const picked = new Set<number>();
  while (picked.size < count) picked.add(r.int(candidates.length));
  const spans: Span[] = [];
  for (const i of picked) {
    const c = candidates[i];
    const dto = await createAnnotation({ ...caller, via: 'token' }, c.articleId, { start: c.start, end: c.end, label: r.pick(LABELS) });
    spans.push({ id: dto.id, articleId: c.articleId, exact: dto.exact });
  }
  return spans;
}

/** `amount` GETs through the Next server, `connections` at a time, each for the next span in turn. */
async function loadHttp(ctx: BenchContext, token: string, spans: Span[], offset: number, amount: number, connections: number, into: Samples) {
  let next = offset;
  const { latencies, result: r } = await runAutocannon(ctx.next, {
    connections,
    amount,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, path: `/api/v1/annotations/${spans[next++ % spans.length].id}/suggestions?limit=${LIMIT}` }),
        onResponse: (status, body) => {
          if (status !== 200) {
            if (into.errorSamples.length < 3) into.errorSamples.push(`${status} ${body.slice(0, 300)}`);
            return;
          }
          const list = JSON.parse(body) as unknown[];
          into.results += list.length;
          if (list.length === 0) into.empty++;
        },
      },
    ],
  });
  into.ms.push(...latencies);
  into.non2xx += r.non2xx;
  into.errors += r.errors + r.timeouts;
}

/** The same ranking in-process: what suggestFor asks of rankSentences, without HTTP, auth or the span lookup. */
async function loadDirect(projectId: string, spans: Span[], offset: number, amount: number, connections: number, into: Samples) {
  let next = 0;
  const worker = async () => {
    while (next < amount) {
      const span = spans[(offset + next++) % spans.length];
      const started = performance.now();
      const list = await rankSentences(projectId, span.exact, { excludeArticleId: span.articleId, annotationId: span.id, limit: LIMIT });
      into.ms.push(performance.now() - started);
      into.results += list.length;
      if (list.length === 0) into.empty++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}

async function run(ctx: BenchContext): Promise<Figures> {
  const target = Number(ctx.flags['suggest-sentences'] ?? 100_000);
  const spanCount = Number(ctx.flags['suggest-spans'] ?? 200);
  const requests = Number(ctx.flags['suggest-requests'] ?? 1_000);
  const connections = Number(ctx.flags['suggest-connections'] ?? 4);
  const rounds = Number(ctx.flags['suggest-rounds'] ?? 2);
  const perRound = Math.ceil(requests / rounds);

  const setupStarted = performance.now();
  const project = await makeProject('FNC-1 suggestion latency');
  const user = await makeUser({ name: 'Bench Analyst' });
  await addMember(user.id, project.id, 'ANALYST');
  const token = await makeToken(user.id);

  const files = ['train_bodies.csv.gz', 'competition_test_bodies.csv.gz'];
  for (const file of files) {
    const r = await importFnc1(project.id, file);
    console.log(`[suggestion-latency] imported ${file}: ${r.added} bodies`);
  }
  let sentences = await projectSentences(project.id);
  // Train and test Body IDs do not overlap (10 texts appear in both, under different ids): all 2,587 are added.
  const bodies = files.flatMap((f) => readBodies(f));
  for (let attempt = 1; sentences < target; attempt++) {
    if (attempt > 3) throw new Error(`still ${sentences} sentences after 3 batches of variants`);
    const v = variants(bodies, target - sentences, 7_000 + attempt);
    const csv = stringify([['Body ID', 'articleBody'], ...v.rows.map(([id, text]) => [`${id}-b${attempt}`, text])]);
    const r = await importCsvText(project.id, `fnc1-variants-${attempt}.csv`, csv);
    sentences = await projectSentences(project.id);
    console.log(`[suggestion-latency] imported ${r.added} variants (~${v.sentences} sentences): ${sentences} sentences`);
  }
  const articles = await testDb().article.count({ where: { projectId: project.id } });

  const spans = await makeSpans(project.id, user, spanCount, 4_242);
  // What autovacuum does within a minute of a bulk import: measure steady
  // state, not the import's dead tuples and a vacuum starting mid-run.
  await testDb().$executeRawUnsafe('VACUUM (ANALYZE) "Sentence", "Article", "Annotation"');
  const setupS = (performance.now() - setupStarted) / 1000;
  console.log(`[suggestion-latency] ${articles} articles, ${sentences} sentences, ${spans.length} spans; set up in ${setupS.toFixed(0)} s`);

  // Warm-up of each (JIT, Next's lazily loaded route, both pools, Postgres' cache), unrecorded.
  const warm = Math.min(100, requests);
  const warmHttp = samples();
  await loadHttp(ctx, token, spans, 0, warm, connections, warmHttp);
  for (const s of warmHttp.errorSamples) console.log(`[suggestion-latency]   warm-up error response: ${s}`);
  await loadDirect(project.id, spans, 0, warm, connections, samples());

  const stats = { direct: samples(), http: samples() };
  for (let i = 0; i < rounds; i++) {
    const offset = warm + i * perRound; // both sides ask for the same spans in each round
    const d = stats.direct.ms.length;
    await loadDirect(project.id, spans, offset, perRound, connections, stats.direct);
    const h = stats.http.ms.length;
    await loadHttp(ctx, token, spans, offset, perRound, connections, stats.http);
    const pct = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
    console.log(
      `[suggestion-latency] round ${i + 1}: direct p50 ${pct(stats.direct.ms.slice(d), 50)} ms p95 ${pct(stats.direct.ms.slice(d), 95)} ms; ` +
        `http p50 ${pct(stats.http.ms.slice(h), 50)} ms p95 ${pct(stats.http.ms.slice(h), 95)} ms`,
    );
  }
  for (const s of stats.http.errorSamples) console.log(`[suggestion-latency]   http error response: ${s}`);
  // One query at a time, each span once: the statement's own cost, without queueing for the 2 cores.
  const sequential = samples();
  await loadDirect(project.id, spans, 0, spans.length, 1, sequential);
  console.log(`[suggestion-latency] direct, one at a time: p50 ${percentile(sequential.ms, 50).toFixed(1)} ms p95 ${percentile(sequential.ms, 95).toFixed(1)} ms`);

  const f: Figures = {
    'suggest.latency.sentences': sentences,
    'suggest.latency.articles': articles,
    'suggest.latency.spans': spans.length,
    'suggest.latency.requests': stats.http.ms.length,
    'suggest.latency.connections': connections,
    'suggest.latency.rounds': rounds,
    'suggest.latency.setup_s': round(setupS, 0),
    'suggest.latency.non2xx': stats.http.non2xx,
    'suggest.latency.errors': stats.http.errors,
  };
  for (const [side, s] of Object.entries({ ...stats, sequential })) {
    const p = { http: 'suggest.latency.', direct: 'suggest.latency.direct_', sequential: 'suggest.latency.direct_seq_' }[side];
    f[`${p}p50_ms`] = round(percentile(s.ms, 50), 1);
    f[`${p}p95_ms`] = round(percentile(s.ms, 95), 1);
    f[`${p}p99_ms`] = round(percentile(s.ms, 99), 1);
    f[`${p}max_ms`] = round(Math.max(...s.ms), 1);
    const ok = side === 'http' ? s.ms.length - s.non2xx : s.ms.length;
    f[`${p}results_mean`] = round(s.results / Math.max(1, ok), 2);
    f[`${p}empty`] = s.empty;
  }
  return f;
}

function rows(r: Figures): Row[] {
  if (r['suggest.latency.p95_ms'] === undefined) return [];
  // A figure added after the last run of this benchmark shows as "–" until the next run.
  const l = (k: string) => r[`suggest.latency.${k}`] ?? '–';
  const ms = (k: string) => `${l(k)} ms`;
  return [
    { figure: 'suggest.latency.p95_ms', value: ms('p95_ms'), yardstick: `direct SQL: ${ms('direct_p95_ms')}`, goal: '< 100 ms', pass: l('p95_ms') < 100 },
    { figure: 'suggest.latency.p50_ms', value: ms('p50_ms'), yardstick: `direct SQL: ${ms('direct_p50_ms')}`, goal: '' },
    { figure: 'suggest.latency.p99_ms', value: ms('p99_ms'), yardstick: `direct SQL: ${ms('direct_p99_ms')}`, goal: '' },
    {
      figure: 'suggest.latency.direct_seq_p95_ms',
      value: ms('direct_seq_p95_ms'),
      yardstick: `p50 ${ms('direct_seq_p50_ms')}; direct SQL, 1 at a time`,
      goal: '',
    },
    {
      figure: 'suggest.latency.sentences',
      value: `${l('sentences').toLocaleString('en-US')} (${l('articles').toLocaleString('en-US')} articles)`,
      yardstick: `${l('spans')} spans, ${l('requests')} requests × ${l('connections')} conc.`,
      goal: '≥ 100,000',
      pass: l('sentences') >= 100_000,
    },
    {
      figure: 'suggest.latency.results_mean',
      value: `${l('results_mean')} per response (${l('empty')} empty)`,
      yardstick: `direct: ${l('direct_results_mean')} (${l('direct_empty')} empty)`,
      goal: '',
    },
    {
      figure: 'suggest.latency.non2xx + errors',
      value: `${l('non2xx')} + ${l('errors')}`,
      yardstick: '',
      goal: '0',
      pass: l('non2xx') + l('errors') === 0,
    },
  ];
}

export const suggestionLatency: Benchmark = { name: 'suggestion-latency', run, rows };
