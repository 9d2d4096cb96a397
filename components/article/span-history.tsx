'use client';
import { useState } from 'react';

type Event = { id: string; action: string; actor: { name: string } | null; after: Record<string, unknown> | null; createdAt: string };

const VERB: Record<string, string> = {
  'annotation.create': 'tagged',
  'annotation.update': 'edited',
  'annotation.review': 'reviewed',
  'annotation.delete': 'deleted',
  'annotation.reanchor': 're-anchored',
  'annotation.orphan': 'lost its place',
};

/** The span's history from the append-only audit log, loaded when opened. */
export function SpanHistory({ annotationId }: { annotationId: string }) {
  const [events, setEvents] = useState<Event[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <details
      className="span-history"
      onToggle={async (e) => {
        if (!(e.currentTarget as HTMLDetailsElement).open || events) return;
        const res = await fetch(`/api/v1/annotations/${annotationId}/history`);
        if (res.ok) setEvents((await res.json()).events);
        else setError('Could not load the history.');
      }}
    >
      <summary>History</summary>
      {error && <p className="span-history__error">{error}</p>}
      {events && (
        <ol className="span-history__list" aria-label="History">
          {events.map((ev) => (
            <li key={ev.id}>
              <time dateTime={ev.createdAt}>{new Date(ev.createdAt).toLocaleString()}</time> · {ev.actor?.name ?? 'system'} {VERB[ev.action] ?? ev.action}
              {ev.action === 'annotation.review' && ev.after && (
                <>
                  : <strong>{String(ev.after.status)}</strong>
                  {ev.after.comment ? ` — “${String(ev.after.comment)}”` : ''}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
