// After the load benchmark: is every write the server acknowledged (201/200)
// in the database, as acknowledged? Spans: the row must be at the highest
// acknowledged version with that answer's label, note and status (a higher
// version would be a write that committed but was never acknowledged), and
// every acknowledged version must have its audit event, which commits with
// the write. Links: the row must exist with its two ends and kind.
import type pg from 'pg';
import type { AckedLink, AckedWrite } from './load-users';

export type Verification = { acknowledged: number; lostSpans: number; missingEvents: number; lostLinks: number; unacknowledgedCommits: number; samples: string[] };

export async function verifyAcknowledgedWrites(pool: pg.Pool, projectId: string, acks: AckedWrite[], links: AckedLink[]): Promise<Verification> {
  const samples: string[] = [];
  const note = (s: string) => samples.length < 5 && samples.push(s);

  const latest = new Map<string, AckedWrite>();
  for (const a of acks) if ((latest.get(a.spanId)?.version ?? 0) < a.version) latest.set(a.spanId, a);
  const { rows } = await pool.query<{ id: string; label: string; note: string | null; status: string; version: number }>(
    `SELECT id, lower(label::text) AS label, note, lower(status::text) AS status, version FROM "Annotation" WHERE id = ANY($1)`,
    [[...latest.keys()]],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  let lostSpans = 0;
  let unacknowledgedCommits = 0;
  for (const [id, a] of latest) {
    const row = byId.get(id);
    if (row && row.version > a.version) unacknowledgedCommits++;
    else if (!row || row.version !== a.version || row.label !== a.label || row.note !== a.note || row.status !== a.status) {
      lostSpans++;
      note(`span ${id}: acknowledged ${JSON.stringify(a)}, stored ${JSON.stringify(row ?? null)}`);
    }
  }

  const events = await pool.query<{ objectId: string; action: string; version: number | null }>(
    `SELECT "objectId", action, (after->>'version')::int AS version FROM "AuditEvent" WHERE "projectId" = $1 AND "objectType" = 'annotation'`,
    [projectId],
  );
  const recorded = new Set(events.rows.map((e) => `${e.objectId} ${e.action} ${e.version}`));
  const missing = acks.filter((a) => !recorded.has(`${a.spanId} ${a.action} ${a.version}`));
  for (const a of missing) note(`no audit event for ${a.action} of ${a.spanId} at version ${a.version}`);

  const stored = await pool.query<{ id: string; from: string; to: string; kind: string }>(
    `SELECT id, "fromAnnotationId" AS "from", "toAnnotationId" AS "to", lower(kind::text) AS kind FROM "Link" WHERE id = ANY($1)`,
    [links.map((l) => l.id)],
  );
  const linkById = new Map(stored.rows.map((l) => [l.id, l]));
  const lostLinks = links.filter((l) => {
    const row = linkById.get(l.id);
    const lost = !row || row.from !== l.from || row.to !== l.to || row.kind !== l.kind;
    if (lost) note(`link ${l.id}: acknowledged ${JSON.stringify(l)}, stored ${JSON.stringify(row ?? null)}`);
    return lost;
  }).length;

  return { acknowledged: acks.length + links.length, lostSpans, missingEvents: missing.length, lostLinks, unacknowledgedCommits, samples };
}
