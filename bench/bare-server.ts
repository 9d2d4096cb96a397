// The yardstick for span creation: POST /api/v1/articles/:id/annotations done
// with nothing but node:http and pg. Same database, same pool size (10), same
// checks and the same SQL as lib/annotations/create-annotation.ts, so the gap
// to the Next route is what Next, Auth.js, zod and Prisma cost.
//
//   PORT=… DATABASE_URL=… node --import tsx bench/bare-server.ts
import http from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { QUOTE_CONTEXT } from '../lib/anchoring/code-points';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const LABELS = new Set(['assertion', 'denial', 'evidence']);
const MAX_BODY = 1_000_000;
const ROUTE = /^\/api\/v1\/articles\/([^/]+)\/annotations$/;

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', 'Body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The same shape rules as createAnnotationInput (zod), by hand. */
function parseInput(text: string) {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The body is not valid JSON');
  }
  const isOffset = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 50_000_000;
  const known = new Set(['start', 'end', 'label', 'note', 'speaker', 'exact']);
  if (!v || typeof v !== 'object' || Object.keys(v).some((k) => !known.has(k))) throw new HttpError(400, 'BAD_REQUEST', 'Unknown keys');
  if (!isOffset(v.start) || !isOffset(v.end) || v.end <= v.start) throw new HttpError(400, 'BAD_REQUEST', 'Bad offsets');
  if (typeof v.label !== 'string' || !LABELS.has(v.label)) throw new HttpError(400, 'BAD_REQUEST', 'Bad label');
  const text_ = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : null);
  return { start: v.start, end: v.end, label: v.label, note: text_(v.note), speaker: text_(v.speaker), exact: v.exact as string | undefined };
}

async function tokenUser(authorization: string | undefined) {
  const m = authorization && /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!m || !m[1].startsWith('cc_') || m[1].length > 200) return null;
  const hash = createHash('sha256').update(m[1], 'utf8').digest('hex');
  const { rows } = await pool.query(
    `SELECT t.id AS "tokenId", t."revokedAt", t."lastUsedAt", u.id, u.name
       FROM "ApiToken" t JOIN "User" u ON u.id = t."userId" WHERE t."tokenHash" = $1`,
    [hash],
  );
  const row = rows[0];
  if (!row || row.revokedAt) return null;
  // Same "last used" bookkeeping as lib/tokens/verify-token.ts.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await pool.query('UPDATE "ApiToken" SET "lastUsedAt" = now() WHERE id = $1', [row.tokenId]);
  }
  return { id: row.id as string, name: row.name as string };
}

async function createSpan(req: http.IncomingMessage, articleId: string) {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON');
  const user = await tokenUser(req.headers.authorization);
  if (!user) throw new HttpError(401, 'UNAUTHORIZED', 'Send a valid API token');
  const input = parseInput(await readBody(req));
  // The very query of create-annotation.ts: quote and caller's roles in one trip.
  const { rows } = await pool.query(
    `SELECT a.id, a."textHash", a.length,
            substring(a.text FROM $2::int + 1 FOR $3::int - $2::int) AS exact,
            substring(a.text FROM greatest($2::int - $5::int, 0) + 1 FOR least($2::int, $5::int)) AS prefix,
            substring(a.text FROM $3::int + 1 FOR $5::int) AS suffix,
            (SELECT array_agg(m.role::text) FROM "Membership" m
              WHERE m."projectId" = a."projectId" AND m."userId" = $4) AS roles
       FROM "Article" a WHERE a.id = $1`,
    [articleId, input.start, input.end, user.id, QUOTE_CONTEXT],
  );
  const a = rows[0];
  if (!a || !a.roles) throw new HttpError(404, 'NOT_FOUND', 'Article not found');
  if (!a.roles.includes('ANALYST') && !a.roles.includes('ADMIN')) throw new HttpError(403, 'FORBIDDEN', 'Not an analyst');
  if (input.end > a.length) throw new HttpError(400, 'BAD_REQUEST', 'end is past the end of the article');
  if (input.exact !== undefined && input.exact !== a.exact) throw new HttpError(409, 'CONFLICT', 'exact differs');
  if (a.exact.trim() === '') throw new HttpError(400, 'BAD_REQUEST', 'Whitespace only');
  const inserted = await pool.query(
    `INSERT INTO "Annotation" (id, "articleId", "authorId", label, note, speaker, start, "end", exact, prefix, suffix, "textHash", "updatedAt")
     VALUES ($1, $2, $3, $4::"Label", $5, $6, $7, $8, $9, $10, $11, $12, now())
     RETURNING id, "articleId", label, note, speaker, start, "end", exact, prefix, suffix, "textHash", status, version, "createdAt", "updatedAt"`,
    [randomUUID(), a.id, user.id, input.label.toUpperCase(), input.note, input.speaker, input.start, input.end, a.exact, a.prefix, a.suffix, a.textHash],
  );
  const row = inserted.rows[0];
  return { ...row, label: row.label.toLowerCase(), status: row.status.toLowerCase(), author: user };
}

const server = http.createServer(async (req, res) => {
  const send = (status: number, body: unknown) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  };
  const m = ROUTE.exec(req.url ?? '');
  if (req.method === 'GET' && req.url === '/health') return send(200, { ok: true });
  if (!m || req.method !== 'POST') return send(404, { error: { code: 'NOT_FOUND', message: 'No such route' } });
  try {
    send(201, await createSpan(req, decodeURIComponent(m[1])));
  } catch (e) {
    if (e instanceof HttpError) return send(e.status, { error: { code: e.code, message: e.message } });
    console.error(e);
    send(500, { error: { code: 'INTERNAL', message: 'Internal error' } });
  }
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`bare server on ${process.env.PORT}`));
const shutdown = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
