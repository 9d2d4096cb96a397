// Benchmark F: 50 simulated users at once for 60 s against the production
// build, a mix of everything the app is used for (bench/load-users.ts):
// analysts read articles and their spans, tag spans, edit and link their own
// spans across articles, ask for suggestions; reviewers list the review queue
// and approve or reject with the version they saw. Closed loops, no think time.
//
// Data: one project, 20 generated articles (~800 words), 6 analyst and 3
// reviewer accounts with Bearer tokens (35 analyst users on the 6 analyst
// accounts, 15 reviewer users on the 3 reviewer accounts), 2,000 pending spans
// to start from. A 5 s warm-up (not recorded) precedes the 60 s run.
//
// 409 counts apart from errors, and only for edits and review decisions: the
// two places where two writers race on one version by design. Anything else
// that is not 2xx, or a network error, is an error. After the run every
// acknowledged write is checked in the database (bench/load-verify.ts).
//
// Yardsticks in the same run: a direct-SQL probe (one in-process worker over
// plain pg, every 100 ms during the run) doing what GET /articles/{id} does (token lookup,
// article with the caller's roles, its spans with authors); and, after the
// run, span creation on bench/bare-server.ts (node:http + pg) at the same 50
// connections for 10 s.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { addMember, makeArticle, makeProject, makeToken, makeUser, testDb } from '../test/factories';
import { generateArticle, generateRanges, type SpanRange } from './fixtures';
import { insertGeneratedSpans } from './generate-spans';
import { LoadWorld, REQUEST_TYPES, runUser, type Account, type User } from './load-users';
import { verifyAcknowledgedWrites } from './load-verify';
import { createSpans, spanFeed, startBareServer } from './span-create';
import { cpuSeconds, listeningPid } from './process-cpu';
import { percentile, round } from './stats';
import type { Benchmark, BenchContext, Figures, Row } from './types';

const ARTICLES = 20;
const SEED_SPANS = 2_000;

async function setUp() {
  const project = await makeProject('Load benchmark');
  const account = async (name: string, role: 'ANALYST' | 'REVIEWER'): Promise<Account> => {
    const u = await makeUser({ name });
    await addMember(u.id, project.id, role);
    return { id: u.id, token: await makeToken(u.id) };
  };
  const analysts: Account[] = [];
  for (let i = 1; i <= 6; i++) analysts.push(await account(`Load Analyst ${i}`, 'ANALYST'));
  const reviewers: Account[] = [];
  for (let i = 1; i <= 3; i++) reviewers.push(await account(`Load Reviewer ${i}`, 'REVIEWER'));
  const articles = [];
  for (let i = 0; i < ARTICLES; i++) {
    const g = generateArticle(800, 7_000 + i);
    const a = await makeArticle(project.id, { title: `Load article ${i + 1}`, outlet: `Outlet ${(i % 5) + 1}`, text: g.text });
    articles.push({ id: a.id, ranges: generateRanges(g, 300, 8_000 + i) });
  }
  await insertGeneratedSpans({ projectId: project.id, authorIds: analysts.map((a) => a.id), total: SEED_SPANS, articles: ARTICLES, status: 'PENDING' });
  await testDb().$executeRawUnsafe('VACUUM (ANALYZE) "Annotation", "Article", "Sentence"');
  return { project, analysts, reviewers, articles };
}

/**
 * What GET /api/v1/articles/{id} asks the database, over plain pg, every
 * 100 ms while `running()`: sampled, so the probe itself adds little load.
 */
async function probeArticleReads(pool: pg.Pool, token: string, articleIds: string[], running: () => boolean) {
  const tokenHash = createHash('sha256').update(token, 'utf8').digest('hex');
  const ms: number[] = [];
  for (let i = 0; running(); i++) {
    await new Promise((r) => setTimeout(r, 100));
    const t0 = performance.now();
    const { rows: users } = await pool.query(`SELECT u.id FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL`, [tokenHash]);
    const articleId = articleIds[i % articleIds.length];
    const { rows: articles } = await pool.query(
      `SELECT a.*, p.name AS "projectName", (SELECT array_agg(m.role::text) FROM "Membership" m WHERE m."projectId" = a."projectId" AND m."userId" = $2) AS roles
         FROM "Article" a JOIN "Project" p ON p.id = a."projectId" WHERE a.id = $1`,
      [articleId, users[0].id],
    );
    if (!articles[0]?.roles) throw new Error('probe: article not visible');
    await pool.query(
      `SELECT s.id, s."articleId", s.label, s.note, s.speaker, s.start, s."end", s.exact, s.prefix, s.suffix, s."textHash", s.status, s.version,
              s."createdAt", s."updatedAt", s."reviewComment", s."reviewedAt", s.orphaned, s."anchorScore", u.id AS "authorId", u.name AS "authorName"
         FROM "Annotation" s JOIN "User" u ON u.id = s."authorId" WHERE s."articleId" = $1 ORDER BY s.start, s."end" DESC`,
      [articleId],
    );
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** Span creation on the bare node:http + pg server, `connections` at a time for `seconds`. */
async function bareCreates(ctx: BenchContext, articleId: string, tokens: string[], ranges: SpanRange[], connections: number, seconds: number) {
  const bare = await startBareServer(ctx.env);
  try {
    const r = await createSpans(bare, articleId, spanFeed(ranges, tokens), seconds, connections, 30);
    return { rps: r.rps, p50: r.p50, p95: r.p95, failed: r.non2xx + r.errors };
  } finally {
    await bare.stop();
  }
}

async function run(ctx: BenchContext): Promise<Figures> {
  const userCount = Number(ctx.flags['load-users'] ?? 50);
  const seconds = Number(ctx.flags['load-duration'] ?? 60);
  const warmup = Number(ctx.flags['load-warmup'] ?? 5);

  const setupStarted = performance.now();
  const { project, analysts, reviewers, articles } = await setUp();
  const world = new LoadWorld(ctx.next.url, project.id, articles);
  const seeded = await testDb().annotation.findMany({ where: { article: { projectId: project.id } }, select: { id: true, articleId: true } });
  for (const s of seeded) world.spansByArticle.get(s.articleId)!.push(s.id);
  const users: User[] = Array.from({ length: userCount }, (_, i) =>
    i % 10 < 7 ? { role: 'analyst', account: analysts[i % analysts.length], seed: 100 + i } : { role: 'reviewer', account: reviewers[i % reviewers.length], seed: 100 + i },
  );
  console.log(`[load] ${ARTICLES} articles, ${seeded.length} spans, ${users.filter((u) => u.role === 'analyst').length} analyst and ${users.filter((u) => u.role === 'reviewer').length} reviewer users; set up in ${((performance.now() - setupStarted) / 1000).toFixed(0)} s`);

  // Warm-up: JIT, Next's lazily loaded routes, the pools. Writes made here are verified too.
  let until = performance.now() + warmup * 1000;
  await Promise.all(users.map((u) => runUser(world, u, () => until)));
  ctx.next.assertAlive();

  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2, options: '-c TimeZone=UTC' });
  try {
    // CPU spent per request does not move with the neighbours' load the way latency does.
    const serverPid = listeningPid(Number(new URL(ctx.next.url).port));
    const serverCpu0 = cpuSeconds(serverPid);
    const generatorCpu0 = process.cpuUsage();
    const loadAverage = os.loadavg()[0];
    world.recording = true;
    const started = performance.now();
    until = started + seconds * 1000;
    const [probe] = await Promise.all([
      probeArticleReads(pool, reviewers[0].token, articles.map((a) => a.id), () => performance.now() < until),
      ...users.map((u) => runUser(world, u, () => until)),
    ]);
    const elapsed = (performance.now() - started) / 1000;
    world.recording = false;
    const serverCpu = cpuSeconds(serverPid) - serverCpu0;
    const generatorCpu = process.cpuUsage(generatorCpu0);
    ctx.next.assertAlive();

    const v = await verifyAcknowledgedWrites(pool, project.id, world.acks, world.links);
    for (const s of world.errorSamples) console.log(`[load]   error: ${s}`);
    for (const s of v.samples) console.log(`[load]   lost write: ${s}`);

    const extra = generateArticle(800, 9_999);
    const bareArticle = await makeArticle(project.id, { title: 'Load yardstick article', text: extra.text });
    const bare = await bareCreates(ctx, bareArticle.id, analysts.map((a) => a.token), generateRanges(extra, 12_000, 9_998), userCount, 10);

    const figures: Figures = {
      'load.users': userCount,
      'load.target_s': seconds,
      'load.duration_s': round(elapsed, 1),
      'load.articles': ARTICLES,
      'load.warmup_errors': world.warmupErrors,
      'load.acknowledged_writes': v.acknowledged,
      'load.lost_spans': v.lostSpans,
      'load.missing_audit_events': v.missingEvents,
      'load.lost_links': v.lostLinks,
      'load.lost_writes': v.lostSpans + v.missingEvents + v.lostLinks,
      'load.unacknowledged_commits': v.unacknowledgedCommits,
      'load.probe.read_article.requests': probe.length,
      'load.probe.read_article.p50_ms': round(percentile(probe, 50), 1),
      'load.probe.read_article.p95_ms': round(percentile(probe, 95), 1),
      'load.bare.create_span.rps': round(bare.rps, 1),
      'load.bare.create_span.p50_ms': round(bare.p50, 1),
      'load.bare.create_span.p95_ms': round(bare.p95, 1),
      'load.bare.create_span.failed': bare.failed,
    };
    let requests = 0;
    for (const type of REQUEST_TYPES) {
      const s = world.stats.get(type)!;
      requests += s.ms.length;
      figures[`load.${type}.requests`] = s.ms.length;
      figures[`load.${type}.p50_ms`] = round(percentile(s.ms, 50), 1);
      figures[`load.${type}.p95_ms`] = round(percentile(s.ms, 95), 1);
      figures[`load.${type}.conflicts`] = s.conflicts;
      figures[`load.${type}.errors`] = s.errors;
      console.log(`[load] ${type.padEnd(16)} ${String(s.ms.length).padStart(6)} req  p50 ${percentile(s.ms, 50).toFixed(1)} ms  p95 ${percentile(s.ms, 95).toFixed(1)} ms  409 ${s.conflicts}  errors ${s.errors}`);
    }
    figures['load.requests'] = requests;
    figures['load.rps'] = round(requests / elapsed, 1);
    figures['load.server_cpu_s'] = round(serverCpu, 1);
    figures['load.server_cpu_ms_per_request'] = round((serverCpu * 1000) / requests, 2);
    figures['load.generator_cpu_s'] = round((generatorCpu.user + generatorCpu.system) / 1e6, 1);
    figures['load.machine_loadavg_1m'] = round(loadAverage, 2);
    figures['load.errors'] = REQUEST_TYPES.reduce((n, t) => n + world.stats.get(t)!.errors, 0);
    figures['load.conflicts'] = REQUEST_TYPES.reduce((n, t) => n + world.stats.get(t)!.conflicts, 0);
    console.log(
      `[load] ${requests} requests in ${elapsed.toFixed(1)} s (${figures['load.rps']} req/s), errors ${figures['load.errors']}, 409 ${figures['load.conflicts']}; ` +
        `${v.acknowledged} acknowledged writes, lost ${figures['load.lost_writes']}, unacknowledged commits ${v.unacknowledgedCommits}; ` +
        `probe GET article p50 ${figures['load.probe.read_article.p50_ms']} ms; bare create ${figures['load.bare.create_span.rps']} req/s; ` +
        `next server CPU ${figures['load.server_cpu_s']} s (${figures['load.server_cpu_ms_per_request']} ms/request), load generator ${figures['load.generator_cpu_s']} s, 1-min load average at start ${figures['load.machine_loadavg_1m']}`,
    );
    return figures;
  } finally {
    await pool.end();
  }
}

const TYPE_YARDSTICK: Partial<Record<(typeof REQUEST_TYPES)[number], (r: Figures) => string>> = {
  'read-article': (r) => `direct SQL probe, same moment: p50 ${r['load.probe.read_article.p50_ms']} ms, p95 ${r['load.probe.read_article.p95_ms']} ms`,
  'create-span': (r) => `bare server alone, ${r['load.users']} conn.: p50 ${r['load.bare.create_span.p50_ms']} ms, p95 ${r['load.bare.create_span.p95_ms']} ms`,
};

function rows(r: Figures): Row[] {
  if (r['load.rps'] === undefined) return [];
  const conflicts = REQUEST_TYPES.filter((t) => r[`load.${t}.conflicts`] > 0).map((t) => `${t} ${r[`load.${t}.conflicts`]}`);
  return [
    {
      figure: 'load.rps (all types)',
      value: `${r['load.rps']} req/s (${r['load.requests']} in ${r['load.duration_s']} s, ${r['load.users']} users)`,
      yardstick: `bare server, creates only: ${r['load.bare.create_span.rps']} req/s`,
      goal: '',
    },
    {
      figure: 'load.server_cpu_ms_per_request',
      value: `${r['load.server_cpu_ms_per_request']} ms (${r['load.server_cpu_s']} CPU-s in ${r['load.duration_s']} s)`,
      yardstick: `load generator: ${r['load.generator_cpu_s']} CPU-s; 1-min load average at start ${r['load.machine_loadavg_1m']} (${os.cpus().length} cores)`,
      goal: '',
    },
    ...REQUEST_TYPES.map((t) => ({
      figure: `load.${t} p50 / p95`,
      value: `${r[`load.${t}.p50_ms`]} / ${r[`load.${t}.p95_ms`]} ms (${r[`load.${t}.requests`]} req)`,
      yardstick: TYPE_YARDSTICK[t]?.(r) ?? '',
      goal: '',
    })),
    { figure: 'load.errors (non-2xx, network)', value: String(r['load.errors']), yardstick: `warm-up: ${r['load.warmup_errors']}`, goal: '0', pass: r['load.errors'] + r['load.warmup_errors'] === 0 },
    { figure: 'load.conflicts (409, stale version)', value: `${r['load.conflicts']}${conflicts.length ? ` (${conflicts.join(', ')})` : ''}`, yardstick: 'races: edit vs review, review vs review', goal: '' },
    {
      figure: 'load.lost_writes',
      value: `${r['load.lost_writes']} of ${r['load.acknowledged_writes']} acknowledged`,
      yardstick: `spans ${r['load.lost_spans']}, audit events ${r['load.missing_audit_events']}, links ${r['load.lost_links']}; unacknowledged commits ${r['load.unacknowledged_commits']}`,
      goal: '0',
      pass: r['load.lost_writes'] === 0,
    },
  ];
}

export const load: Benchmark = { name: 'load', run, rows };
