'use client';
import { useState } from 'react';
import { shortQuote } from '@/components/article/link-kinds';
import { utcTime } from '@/components/utc-time';
import './object-history.css';

type Event = { id: string; action: string; actor: { name: string } | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null; createdAt: string };
export type HistoryObject = 'annotation' | 'link' | 'claim';

const PATH: Record<HistoryObject, string> = { annotation: 'annotations', link: 'links', claim: 'claims' };

const VERB: Record<string, string> = {
  'annotation.create': 'tagged',
  'annotation.update': 'edited',
  'annotation.review': 'reviewed',
  'annotation.delete': 'deleted',
  'annotation.reanchor': 're-anchored',
  'annotation.orphan': 'lost its place',
  'link.create': 'linked',
  'link.review': 'reviewed',
  'link.reopen': 'back to review: the words of a span it links changed',
  'link.delete': 'removed the link',
  'claim.create': 'created the claim',
  'claim.update': 'edited',
  'claim.attach': 'attached a span',
  'claim.detach': 'detached a span',
  'claim.delete': 'deleted the claim',
};

const quote = (v: unknown) => (typeof v === 'string' && v ? ` “${shortQuote(v, 60)}”` : '');

/** What an edit of a span changed, and whether it sent a decided span back to review. */
function editDetail(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed = (['label', 'speaker', 'note'] as const).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
  const parts = changed.map((k) => (k === 'label' ? `tag ${String(before.label)} → ${String(after.label)}` : `${k} ${after[k] ? `“${shortQuote(String(after[k]), 40)}”` : 'removed'}`));
  if (before.status !== undefined && before.status !== 'pending' && after.status === 'pending') parts.push(`back to review (was ${String(before.status)})`);
  return parts.length ? `: ${parts.join('; ')}` : null;
}

/** What changed, in a few words, for the events whose bare verb says too little. */
function detail(ev: Event) {
  if (ev.action.endsWith('.review') && ev.after) {
    return (
      <>
        : <strong>{String(ev.after.status)}</strong>
        {ev.after.comment ? ` — “${String(ev.after.comment)}”` : ''}
      </>
    );
  }
  if (ev.action === 'annotation.update' && ev.before && ev.after) return editDetail(ev.before, ev.after);
  if (ev.action === 'annotation.reanchor' && ev.before && ev.after && ev.before.exact !== ev.after.exact) {
    // Placed on changed words: from which to which, and whether a decision on the old ones was set aside.
    return `:${quote(ev.before.exact)} →${quote(ev.after.exact)}${ev.after.status === 'pending' && ev.before.status ? `; back to review (was ${String(ev.before.status)})` : ''}`;
  }
  if (ev.action === 'claim.update' && ev.after) {
    // What changed: the wording (from what), the verdict, or both.
    const before = ev.before ?? {};
    const reworded = before.text !== ev.after.text;
    const verdict = before.verdict !== ev.after.verdict || (ev.after.verdictNote !== undefined && (before.verdictNote ?? null) !== ev.after.verdictNote);
    return (
      <>
        {reworded && <>: {quote(before.text)} → {quote(ev.after.text)}</>}
        {reworded && verdict && ';'}
        {verdict && (ev.after.verdict ? ` verdict ${String(ev.after.verdict)}${ev.after.verdictNote ? ` (${String(ev.after.verdictNote)})` : ''}` : ' verdict removed')}
        {!reworded && !verdict && ': no change'}
      </>
    );
  }
  if (ev.action === 'claim.attach') return quote(ev.after?.exact);
  if (ev.action === 'claim.detach') return quote(ev.before?.exact);
  return null;
}

/**
 * The history of a span, link or claim from the append-only audit log,
 * loaded when opened (GET /api/v1/{annotations|links|claims}/{id}/history).
 */
export function ObjectHistory({ objectType, objectId, open = false, label = 'History' }: { objectType: HistoryObject; objectId: string; open?: boolean; label?: string }) {
  const [events, setEvents] = useState<Event[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details
      className="object-history"
      open={open}
      data-testid={`${objectType}-history`}
      onToggle={async (e) => {
        if (!(e.currentTarget as HTMLDetailsElement).open || events) return;
        const res = await fetch(`/api/v1/${PATH[objectType]}/${objectId}/history`);
        if (res.ok) setEvents((await res.json()).events);
        else setError('Could not load the history.');
      }}
    >
      <summary>{label}</summary>
      {error && <p className="object-history__error">{error}</p>}
      {events && events.length === 0 && <p className="object-history__empty">No recorded changes.</p>}
      {events && events.length > 0 && (
        <ol className="object-history__list" aria-label={label}>
          {events.map((ev) => (
            <li key={ev.id}>
              <time dateTime={ev.createdAt}>{utcTime(ev.createdAt)} UTC</time> · {ev.actor?.name ?? 'system'} {VERB[ev.action] ?? ev.action}
              {detail(ev)}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
