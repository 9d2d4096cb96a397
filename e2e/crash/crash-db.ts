// The crash-safety test's own view of the database: plain SQL on a small
// pool, outside the server it kills, so a dying server never takes the
// checks down with it. Its sessions are named TEST_APP and the server's
// SERVER_APP (application_name), which is how pg_terminate_backend finds the
// server's connections and only those.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { QUOTE_CONTEXT } from '@/lib/anchoring/code-points';
import { generateToken, hashToken } from '@/lib/tokens/token-secret';

export const SERVER_APP = 'cc-crash-server';
const TEST_APP = 'cc-crash-test';

/** The URL the server gets: the same database, its sessions named SERVER_APP. */
export function serverDatabaseUrl(url: string) {
  const u = new URL(url);
  u.searchParams.set('application_name', SERVER_APP);
  return u.toString();
}

export function openCrashDb(url: string) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) throw new Error(`Tests refuse non-local database host ${host}`);
  return new pg.Pool({ connectionString: url, max: 3, application_name: TEST_APP, options: '-c TimeZone=UTC' });
}

/** An analyst with an API token, and a helper that makes empty projects they can import into. */
export async function seedImporter(db: pg.Pool) {
  const userId = randomUUID();
  await db.query(`INSERT INTO "User" (id, email, name) VALUES ($1, $2, 'Crash Importer')`, [userId, `crash-${userId}@test.example`]);
  const token = generateToken();
  await db.query(`INSERT INTO "ApiToken" (id, "userId", name, "tokenHash", prefix) VALUES ($1, $2, 'crash', $3, $4)`, [
    randomUUID(), userId, hashToken(token), token.slice(0, 10),
  ]);
  const newProject = async (name: string) => {
    const projectId = randomUUID();
    await db.query(`INSERT INTO "Project" (id, name) VALUES ($1, $2)`, [projectId, `${name} ${projectId.slice(0, 8)}`]);
    await db.query(`INSERT INTO "Membership" (id, "userId", "projectId", role) VALUES ($1, $2, $3, 'ANALYST')`, [randomUUID(), userId, projectId]);
    return projectId;
  };
  return { userId, token, newProject };
}

/**
 * The server's sessions now; `inTransaction`: how many are inside a
 * transaction that has written (it holds a transaction id) or that waits
 * between its statements. Not merely running one autocommit read: with the
 * extended protocol even those show xact_start < query_start.
 */
export async function serverSessions(db: pg.Pool) {
  const { rows } = await db.query<{ pid: number; xact: boolean }>(
    `SELECT pid, (backend_xid IS NOT NULL OR state LIKE 'idle in transaction%') AS xact
       FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    [SERVER_APP],
  );
  return { pids: rows.map((r) => r.pid), inTransaction: rows.filter((r) => r.xact).length };
}

/** pg_terminate_backend on every session of the server; returns the pids it ended. */
export async function terminateServerSessions(db: pg.Pool): Promise<number[]> {
  const { rows } = await db.query<{ pid: number; ended: boolean }>(
    `SELECT pid, pg_terminate_backend(pid) AS ended FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`,
    [SERVER_APP],
  );
  return rows.filter((r) => r.ended).map((r) => r.pid);
}

export type Session = { pid: number; state: string; wait: string; query: string };

/**
 * Waits up to `timeoutMs` for the given sessions (or, with 'all', every
 * session of the server) to end, and returns those still there. A backend
 * whose client died, or that was told to terminate, rolls back its
 * transaction as it exits; only then is the database's state the one to check.
 */
export async function sessionsOutliving(db: pg.Pool, pids: number[] | 'all', timeoutMs: number): Promise<Session[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<Session>(
      `SELECT pid, state, concat_ws(':', wait_event_type, wait_event) AS wait, left(query, 300) AS query FROM pg_stat_activity
        WHERE ${pids === 'all' ? 'datname = current_database() AND application_name = $1' : 'pid = ANY($1)'}`,
      [pids === 'all' ? SERVER_APP : pids],
    );
    if (rows.length === 0 || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Waits until sessions told to terminate are gone (they roll back first); throws if one lingers. */
export async function awaitTerminated(db: pg.Pool, pids: number[]) {
  const left = await sessionsOutliving(db, pids, 30_000);
  if (left.length) throw new Error(`sessions still alive 30 s after pg_terminate_backend: ${JSON.stringify(left)}`);
}

/** pg_terminate_backend on these sessions, then waits until they are gone. */
export async function endSessions(db: pg.Pool, pids: number[]) {
  await db.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
  await awaitTerminated(db, pids);
}

/**
 * A checksum of every row an export could touch in the project (articles,
 * sentences, spans, links, claims, revisions, audit events), to prove that
 * an interrupted export changed nothing. The audit log's own "export" events
 * are left out: an export records one as it starts, by design.
 */
export async function projectChecksum(db: pg.Pool, projectId: string): Promise<string> {
  const { rows } = await db.query<{ sum: string }>(
    `SELECT md5(concat_ws('|',
       (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY a.id), '')) FROM "Article" a WHERE a."projectId" = $1),
       (SELECT md5(coalesce(string_agg(s.id || s.start || ':' || s."end" || s.text, ',' ORDER BY s.id), ''))
          FROM "Sentence" s JOIN "Article" a ON a.id = s."articleId" WHERE a."projectId" = $1),
       (SELECT md5(coalesce(string_agg(n::text, ',' ORDER BY n.id), '')) FROM "Annotation" n JOIN "Article" a ON a.id = n."articleId" WHERE a."projectId" = $1),
       (SELECT md5(coalesce(string_agg(l::text, ',' ORDER BY l.id), '')) FROM "Link" l WHERE l."projectId" = $1),
       (SELECT md5(coalesce(string_agg(c::text, ',' ORDER BY c.id), '')) FROM "Claim" c WHERE c."projectId" = $1),
       (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r.id), '')) FROM "ArticleRevision" r JOIN "Article" a ON a.id = r."articleId" WHERE a."projectId" = $1),
       (SELECT md5(coalesce(string_agg(e::text, ',' ORDER BY e.id), '')) FROM "AuditEvent" e WHERE e."projectId" = $1 AND e.action <> 'export')
     )) AS sum`,
    [projectId],
  );
  return rows[0].sum;
}

/**
 * `total` spans over the project's articles in one INSERT … SELECT (the shape
 * of bench/generate-spans.ts): article g mod n, offsets from a hash of g,
 * quotes cut from the real text; a fifth approved. Returns the number added.
 */
export async function insertSpans(db: pg.Pool, projectId: string, authorId: string, total: number): Promise<number> {
  const { rowCount } = await db.query(
    `WITH arts AS (
       SELECT id, text, "textHash", length, (row_number() OVER (ORDER BY id) - 1)::int AS idx FROM "Article" WHERE "projectId" = $1
     ), spans AS (
       SELECT g, a.id AS "articleId", a.text, a."textHash", l.len, (g::bigint * 7919 % (a.length - l.len))::int AS s
         FROM generate_series(0, $3::int - 1) g
         JOIN arts a ON a.idx = g % (SELECT count(*) FROM arts)
         CROSS JOIN LATERAL (SELECT least(3 + g % 20, a.length - 1) AS len) l
     )
     INSERT INTO "Annotation" (id, "articleId", "authorId", label, start, "end", exact, prefix, suffix, "textHash", status, version, "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, "articleId", $2, (ARRAY['ASSERTION','DENIAL','EVIDENCE']::"Label"[])[1 + g % 3], s, s + len,
            substring(text FROM s + 1 FOR len),
            substring(text FROM greatest(s - ${QUOTE_CONTEXT}, 0) + 1 FOR s - greatest(s - ${QUOTE_CONTEXT}, 0)),
            substring(text FROM s + len + 1 FOR ${QUOTE_CONTEXT}),
            "textHash", (CASE WHEN g % 5 = 0 THEN 'APPROVED' ELSE 'PENDING' END)::"ReviewStatus", 1, now(), now()
       FROM spans`,
    [projectId, authorId, total],
  );
  return rowCount ?? 0;
}

/** The project's "export" audit events: at most one per export asked for. */
export async function countExportEvents(db: pg.Pool, projectId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "projectId" = $1 AND action = 'export'`, [projectId]);
  return rows[0].n;
}
