import 'server-only';
import type { Tx } from '@/lib/db/client';
import type { AuditAction } from './actions';

// One list of actions, with the words the activity page shows (actions.ts).
export type { AuditAction };

export type AuditEventInput = {
  projectId: string;
  actorId: string | null;
  action: AuditAction;
  objectType: 'annotation' | 'link' | 'claim' | 'project' | 'article' | 'user';
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
