import 'server-only';
import type { Tx } from '@/lib/db/client';

export type AuditAction =
  | 'annotation.create'
  | 'annotation.update'
  | 'annotation.delete'
  | 'annotation.review'
  | 'link.create'
  | 'link.delete'
  | 'link.review'
  | 'claim.create'
  | 'claim.update'
  | 'claim.attach'
  | 'claim.detach'
  | 'claim.delete'
  | 'import'
  | 'export'
  | 'article.revise'
  | 'annotation.reanchor'
  | 'annotation.orphan'
  | 'article.compare'
  | 'project.update';

export type AuditEventInput = {
  projectId: string;
  actorId: string | null;
  action: AuditAction;
  objectType: 'annotation' | 'link' | 'claim' | 'project' | 'article';
  objectId: string;
  before?: unknown;
  after?: unknown;
};

const toRow = (e: AuditEventInput) => ({
  projectId: e.projectId,
  actorId: e.actorId,
  action: e.action,
  objectType: e.objectType,
  objectId: e.objectId,
  before: e.before === undefined ? undefined : JSON.parse(JSON.stringify(e.before)),
  after: e.after === undefined ? undefined : JSON.parse(JSON.stringify(e.after)),
});

/** Appends one event; call it in the transaction that makes the change. */
export async function recordEvent(tx: Pick<Tx, 'auditEvent'>, e: AuditEventInput): Promise<void> {
  await tx.auditEvent.create({ data: toRow(e) });
}

/** Appends many events in one INSERT (re-anchoring a revised article's spans). */
export async function recordEvents(tx: Pick<Tx, 'auditEvent'>, events: AuditEventInput[]): Promise<void> {
  if (events.length > 0) await tx.auditEvent.createMany({ data: events.map(toRow) });
}
