// Benchmark E: the review queue of a project with 100,000 pending spans.
//
// Data: one project, 50 generated articles (~2,000 words each), 4 analysts and
// 2 reviewers; 100,000 PENDING spans inserted in one INSERT … SELECT
// generate_series (real substrings of the articles as exact/prefix/suffix,
// createdAt a permutation of the insertion order spread over ~35 days, so the
// queue's ordering is not the physical order), then VACUUM (ANALYZE), as
// autovacuum would do shortly after a bulk insert.
//
// First page: GET /api/v1/projects/{id}/review-queue (default: pending, 50,
// oldest first) with a reviewer's Bearer token, 2 unrecorded warm-ups then
// sequential requests. Yardstick: the two statements the route runs (the page
// and the counts, in parallel as the route does) in-process (readQueue, no
// HTTP, no role check). Both are then EXPLAIN ANALYZEd and printed (console only).
//
// Approve: POST /api/v1/annotations/{id}/review {decision:'approve',version:1}
// at 8 concurrent connections (autocannon), the two reviewers' tokens taking
// turns, every request a different pending span (a shared cursor over a list
// of distinct ids, so no two requests race for one span: a 409 would be a bug
// here). Yardstick: the same conditional UPDATE + audit INSERT in one
// transaction with plain `pg`, same concurrency, on other spans. Rounds
// alternate direct, HTTP; percentiles are over every request of all rounds.
import { performance } from 'node:perf_hooks';
import { runAutocannon } from './run-autocannon';
import pg from 'pg';
import { queueQuery, queueStatements, readQueue } from '@/lib/review/list-queue';
import { addMember, makeArticle, makeProject, makeToken, makeUser, testDb } from '../test/factories';
import { generateArticle } from './fixtures';
import { median, percentile, round } from './stats';
import type { Benchmark, BenchContext, Figures, Row } from './types';
import { insertGeneratedSpans } from './generate-spans';

const SPANS = 100_000;
const ARTICLES = 50;
const PAGE = 50;

type Samples = { ms: number[]; non2xx: number; errors: number; seconds: number; errorSamples: string[] };
const samples = (): Samples => ({ ms: [], non2xx: 0, errors: 0, seconds: 0, errorSamples: [] });

/** The first page the route answers (default: pending, oldest first, PAGE items), without HTTP and the role check. */
const firstPage = (projectId: string) => readQueue(projectId, queueQuery.parse({ limit: String(PAGE) }));

/** EXPLAIN ANALYZE of the queue's two statements (lib/review/list-queue.ts), printed for diagnosis. */
async function explainQueue(pool: pg.Pool, projectId: string) {
  const statements = queueStatements(projectId, queueQuery.parse({ limit: String(PAGE) }));
  for (const [name, { text, values }] of Object.entries(statements)) {
    const plan = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    console.log(`[review-queue] EXPLAIN ANALYZE (${name})`);
    for (const r of plan.rows) console.log(`[review-queue]   ${r['QUERY PLAN']}`);
  }
}

/** `ids.length` approvals through Next, `connections` at a time, each request the next id; the reviewers' tokens take turns. */
async function approveHttp(ctx: BenchContext, tokens: string[], ids: string[], connections: number, into: Samples) {
  let next = 0;
  const { latencies, result: r } = await runAutocannon(ctx.next, {
    connections,
    amount: ids.length,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ decision: 'approve', version: 1 }),
        setupRequest: (req) => {
          const i = next++;
          if (i >= ids.length) throw new Error('approveHttp: more requests than ids'); // would reuse an id → 409
          return {
            ...req,
            path: `/api/v1/annotations/${ids[i]}/review`,
            headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'content-type': 'application/json' },
          };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && into.errorSamples.length < 3) into.errorSamples.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  into.ms.push(...latencies);
  into.non2xx += r.non2xx;
  into.errors += r.errors + r.timeouts;
  into.seconds += r.duration;
}

/** The same decision in plain pg: conditional UPDATE + audit INSERT in one transaction, `connections` at a time. */
async function approveDirect(pool: pg.Pool, projectId: string, reviewerIds: string[], ids: string[], connections: number, into: Samples) {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    const client = await pool.connect();
    try {
      while (next < ids.length) {
        const i = next++;
        const id = ids[i];
        const reviewer = reviewerIds[i % reviewerIds.length];
        const t0 = performance.now();
        await client.query('BEGIN');
        try {
          const u = await client.query(
            `UPDATE "Annotation" SET status = 'APPROVED', "reviewedById" = $2, "reviewedAt" = now(), "reviewComment" = NULL,
                    version = version + 1, "updatedAt" = now()
              WHERE id = $1 AND version = $3`,
            [id, reviewer, 1],
          );
          if (u.rowCount !== 1) throw new Error(`direct approve of ${id}: ${u.rowCount} rows`);
          await client.query(
            `INSERT INTO "AuditEvent" (id, "projectId", "actorId", action, "objectType", "objectId", before, after)
             VALUES (gen_random_uuid()::text, $1, $2, 'annotation.review', 'annotation', $3, $4, $5)`,
            [projectId, reviewer, id, JSON.stringify({ status: 'pending', version: 1 }), JSON.stringify({ status: 'approved', version: 2, comment: null, asAdmin: false })],
          );
          await client.query('COMMIT');
        } catch (e) {
          await client.query('ROLLBACK');
          into.errors++;
          if (into.errorSamples.length < 3) into.errorSamples.push(String(e));
          continue;
        }
        into.ms.push(performance.now() - t0);
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  into.seconds += (performance.now() - started) / 1000;
}

async function run(ctx: BenchContext): Promise<Figures> {
  const pageRequests = Number(ctx.flags['queue-requests'] ?? 20);
  const approvals = Number(ctx.flags['approve-requests'] ?? 1_600);
  const connections = Number(ctx.flags['approve-connections'] ?? 8);
  const rounds = Number(ctx.flags['approve-rounds'] ?? 2);
  const perRound = Math.ceil(approvals / rounds);
  const warmApprovals = 2 * connections;

  const setupStarted = performance.now();
  const project = await makeProject('Review queue benchmark');
  const analysts = [];
  for (let i = 1; i <= 4; i++) {
    const u = await makeUser({ name: `Bench Analyst ${i}` });
    await addMember(u.id, project.id, 'ANALYST');
    analysts.push(u);
  }
  const reviewers = [];
  for (let i = 1; i <= 2; i++) {
    const u = await makeUser({ name: `Bench Reviewer ${i}` });
    await addMember(u.id, project.id, 'REVIEWER');
    reviewers.push(u);
  }
  const tokens = [await makeToken(reviewers[0].id), await makeToken(reviewers[1].id)];
  for (let i = 0; i < ARTICLES; i++) {
    const g = generateArticle(2_000, 5_000 + i);
    await makeArticle(project.id, { title: `Review queue article ${i + 1}`, text: g.text });
  }
  await insertGeneratedSpans({ projectId: project.id, authorIds: analysts.map((a) => a.id), total: SPANS, articles: ARTICLES, status: 'PENDING', spreadCreatedAt: true });
  await testDb().$executeRawUnsafe('VACUUM (ANALYZE) "Annotation", "Article", "AuditEvent"');
  const [{ n: pending }] = await testDb().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "Annotation" s JOIN "Article" a ON a.id = s."articleId"
     WHERE a."projectId" = ${project.id} AND s.status = 'PENDING'`;
  const setupS = (performance.now() - setupStarted) / 1000;
  console.log(`[review-queue] ${ARTICLES} articles, ${pending} pending spans; set up in ${setupS.toFixed(0)} s`);

  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: '-c TimeZone=UTC' });
  try {
    // First page, over HTTP, one request at a time.
    const url = `${ctx.next.url}/api/v1/projects/${project.id}/review-queue`;
    const page: number[] = [];
    for (let i = 0; i < pageRequests + 2; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { authorization: `Bearer ${tokens[i % 2]}` } });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`review-queue: ${res.status} ${body.slice(0, 300)}`);
      const json = JSON.parse(body) as { items: unknown[]; counts: { byLabel: Record<string, { pending: number }> } };
      const counted = Object.values(json.counts.byLabel).reduce((a, l) => a + l.pending, 0);
      if (json.items.length !== PAGE || counted !== Number(pending)) throw new Error(`review-queue: ${json.items.length} items, ${counted} pending counted`);
      if (i >= 2) page.push(ms);
    }
    ctx.next.assertAlive();
    // The same two statements in-process.
    const direct: number[] = [];
    for (let i = 0; i < pageRequests + 2; i++) {
      const t0 = performance.now();
      await firstPage(project.id);
      if (i >= 2) direct.push(performance.now() - t0);
    }
    console.log(
      `[review-queue] first page: median ${median(page).toFixed(1)} ms, p95 ${percentile(page, 95).toFixed(1)} ms; ` +
        `direct (page + counts): median ${median(direct).toFixed(1)} ms`,
    );
    await explainQueue(pool, project.id);

    // Distinct pending spans in a seeded-random order: warm-ups, then per round one slice for HTTP and one for direct.
    const need = 2 * warmApprovals + 2 * perRound * rounds;
    const ids = (
      await pool.query<{ id: string }>(
        `SELECT s.id FROM "Annotation" s JOIN "Article" a ON a.id = s."articleId"
          WHERE a."projectId" = $1 AND s.status = 'PENDING' ORDER BY md5(s.id) LIMIT $2`,
        [project.id, need],
      )
    ).rows.map((r) => r.id);
    if (ids.length < need) throw new Error(`only ${ids.length} pending ids`);
    let cursor = 0;
    const take = (n: number) => ids.slice(cursor, (cursor += n));

    const warm = samples();
    await approveHttp(ctx, tokens, take(warmApprovals), connections, warm);
    for (const s of warm.errorSamples) console.log(`[review-queue]   warm-up error response: ${s}`);
    await approveDirect(pool, project.id, reviewers.map((r) => r.id), take(warmApprovals), connections, samples());

    const stats = { direct: samples(), http: samples() };
    for (let i = 0; i < rounds; i++) {
      const d = stats.direct.ms.length;
      await approveDirect(pool, project.id, reviewers.map((r) => r.id), take(perRound), connections, stats.direct);
      const h = stats.http.ms.length;
      await approveHttp(ctx, tokens, take(perRound), connections, stats.http);
      const pct = (xs: number[], p: number) => percentile(xs, p).toFixed(1);
      console.log(
        `[review-queue] approve round ${i + 1}: direct p50 ${pct(stats.direct.ms.slice(d), 50)} ms p95 ${pct(stats.direct.ms.slice(d), 95)} ms; ` +
          `http p50 ${pct(stats.http.ms.slice(h), 50)} ms p95 ${pct(stats.http.ms.slice(h), 95)} ms`,
      );
    }
    for (const s of stats.http.errorSamples) console.log(`[review-queue]   http error response: ${s}`);
    for (const s of stats.direct.errorSamples) console.log(`[review-queue]   direct error: ${s}`);

    const { http, direct: d } = stats;
    return {
      'review_queue.spans': Number(pending),
      'review_queue.articles': ARTICLES,
      'review_queue.setup_s': round(setupS, 0),
      'review_queue.first_page.requests': page.length,
      'review_queue.first_page.median_ms': round(median(page), 1),
      'review_queue.first_page.p95_ms': round(percentile(page, 95), 1),
      'review_queue.first_page.direct_median_ms': round(median(direct), 1),
      'review_queue.approve.connections': connections,
      'review_queue.approve.requests': http.ms.length,
      'review_queue.approve.p50_ms': round(percentile(http.ms, 50), 1),
      'review_queue.approve.p95_ms': round(percentile(http.ms, 95), 1),
      'review_queue.approve.p99_ms': round(percentile(http.ms, 99), 1),
      'review_queue.approve.rps': round(http.ms.length / http.seconds, 1),
      'review_queue.approve.non2xx': http.non2xx,
      'review_queue.approve.errors': http.errors,
      'review_queue.approve.direct_p50_ms': round(percentile(d.ms, 50), 1),
      'review_queue.approve.direct_p95_ms': round(percentile(d.ms, 95), 1),
      'review_queue.approve.direct_rps': round(d.ms.length / d.seconds, 1),
      'review_queue.approve.direct_errors': d.errors,
    };
  } finally {
    await pool.end();
  }
}

function rows(r: Figures): Row[] {
  if (r['review_queue.approve.p95_ms'] === undefined) return [];
  const l = (k: string) => r[`review_queue.${k}`] ?? '–';
  const ms = (k: string) => `${l(k)} ms`;
  return [
    {
      figure: 'review_queue.first_page.p95_ms',
      value: `${ms('first_page.p95_ms')} (median ${ms('first_page.median_ms')})`,
      yardstick: `same statements in-process: ${ms('first_page.direct_median_ms')} median`,
      goal: '< 300 ms',
      pass: l('first_page.p95_ms') < 300,
    },
    {
      figure: 'review_queue.approve.p95_ms',
      value: ms('approve.p95_ms'),
      yardstick: `direct pg tx: ${ms('approve.direct_p95_ms')}`,
      goal: '< 50 ms',
      pass: l('approve.p95_ms') < 50,
    },
    { figure: 'review_queue.approve.p50_ms', value: ms('approve.p50_ms'), yardstick: `direct pg tx: ${ms('approve.direct_p50_ms')}`, goal: '' },
    { figure: 'review_queue.approve.p99_ms', value: ms('approve.p99_ms'), yardstick: '', goal: '' },
    {
      figure: 'review_queue.approve.rps',
      value: `${l('approve.rps')} req/s`,
      yardstick: `direct pg tx: ${l('approve.direct_rps')} tx/s; ${l('approve.connections')} conc.`,
      goal: '',
    },
    {
      figure: 'review_queue.spans',
      value: `${l('spans').toLocaleString('en-US')} pending`,
      yardstick: `${l('articles')} articles, ${l('approve.requests')} approvals`,
      goal: '≥ 100,000',
      pass: l('spans') >= 100_000,
    },
    {
      figure: 'review_queue.approve.non2xx + errors',
      value: `${l('approve.non2xx')} + ${l('approve.errors')}`,
      yardstick: `direct errors: ${l('approve.direct_errors')}`,
      goal: '0',
      pass: l('approve.non2xx') + l('approve.errors') === 0,
    },
  ];
}

export const reviewQueue: Benchmark = { name: 'review-queue', run, rows };
