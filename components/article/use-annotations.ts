'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { createAnnotation, deleteAnnotation, fetchArticle, updateAnnotation } from '@/lib/annotations/api-client';
import type { AnnotationDto, CreateAnnotationBody, UpdateAnnotationBody } from '@/lib/annotations/dto';
import { labelName } from '@/lib/annotations/labels';
import { reviewAnnotation } from '@/lib/review/api-client';
import { attachToClaim, createLink, fetchSpanLinks } from '@/lib/cross-source/api-client';
import type { LinkDto, LinkKind } from '@/lib/links/dto';
import { plural } from './link-kinds';

export type ReaderStatus = { text: string; kind: 'info' | 'error' };
export type SaveOutcome = 'saved' | 'conflict' | 'failed';

export const CONFLICT_MESSAGE = 'This span was changed by someone else; reloaded.';

/**
 * A change made here that Undo can take back: tagging (undone by deleting
 * the span), an edit (by saving the old tag, speaker and note) and a deletion
 * (by tagging the same words again: a new span, pending review, back in its
 * claim and with the links that went with the old one made again, pending
 * review too, as new links by whoever undoes). A step that cannot
 * be taken back (the span changed since: edited or reviewed by someone else)
 * is refused by the server's version check, and clears the history: the
 * steps before it were made on what is no longer there.
 */
type UndoEntry =
  | { kind: 'create'; span: AnnotationDto }
  | { kind: 'edit'; before: AnnotationDto; after: AnnotationDto }
  | { kind: 'delete'; span: AnnotationDto; linksRemoved: number; links: LinkEnds[]; claimId: string | null };

/** What it takes to make a link again: its kind and the span ids at its ends. */
type LinkEnds = { from: string; to: string; kind: LinkKind };

/** How many changes Undo goes back, as editors keep a bounded history. */
const UNDO_LIMIT = 20;

export const UNDO_NAMES: Record<UndoEntry['kind'], string> = { create: 'Undo tagging', edit: 'Undo edit', delete: 'Undo delete' };

/**
 * The article's spans plus the API calls that change them. Every outcome is
 * reported through `status`, which the reader shows in its live region.
 */
export function useAnnotations(articleId: string, initial: AnnotationDto[], currentUserId: string) {
  const [annotations, setAnnotations] = useState(initial);
  const [status, setStatus] = useState<ReaderStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [undoStack, setUndoStack] = useState<UndoEntry[]>([]);
  const remember = useCallback((entry: UndoEntry) => setUndoStack((stack) => [...stack.slice(1 - UNDO_LIMIT), entry]), []);
  // Undo checks the span as it is now (someone may have changed it since).
  const latest = useRef(annotations);
  useEffect(() => {
    latest.current = annotations;
  }, [annotations]);

  const create = useCallback(
    async (body: CreateAnnotationBody): Promise<AnnotationDto | null> => {
      // A twin of one's own span (same words, same tag): a second key press or click, most likely.
      // Refused here rather than by the server, where the lookup cost span creation a quarter of its
      // throughput in the benchmark; the API still takes what it is sent.
      const twin = latest.current.find((a) => a.author.id === currentUserId && a.start === body.start && a.end === body.end && a.label === body.label);
      if (twin) {
        setStatus({ text: `You already tagged these words as ${labelName(body.label).toLowerCase()}.`, kind: 'error' });
        return null;
      }
      setBusy(true);
      const res = await createAnnotation(articleId, body);
      setBusy(false);
      if (!res.ok) {
        setStatus({ text: res.message, kind: 'error' });
        return null;
      }
      setAnnotations((list) => [...list.filter((a) => a.id !== res.data.id), res.data]);
      setStatus({ text: `${labelName(res.data.label)} added.`, kind: 'info' });
      remember({ kind: 'create', span: res.data });
      return res.data;
    },
    [articleId, remember, currentUserId],
  );

  const save = useCallback(
    async (current: AnnotationDto, changes: Omit<UpdateAnnotationBody, 'version'>, version = current.version): Promise<SaveOutcome> => {
      setBusy(true);
      const res = await updateAnnotation(current.id, { ...changes, version });
      if (res.ok) {
        setBusy(false);
        setAnnotations((list) => list.map((a) => (a.id === res.data.id ? res.data : a)));
        setStatus({ text: current.status === 'pending' ? 'Span saved.' : `Span saved; it was ${current.status} and is pending review again.`, kind: 'info' });
        remember({ kind: 'edit', before: current, after: res.data });
        return 'saved';
      }
      if (res.status !== 409) {
        setBusy(false);
        setStatus({ text: res.message, kind: 'error' });
        return 'failed';
      }
      // Someone saved first: show their version rather than overwrite it.
      const fresh = await fetchArticle(articleId);
      setBusy(false);
      if (!fresh.ok) {
        setStatus({ text: fresh.message, kind: 'error' });
        return 'failed';
      }
      setAnnotations(fresh.data.annotations);
      setStatus({ text: CONFLICT_MESSAGE, kind: 'error' });
      return 'conflict';
    },
    [articleId, remember],
  );

  /**
   * Deletes the span. `claimId`: the claim it belongs to, which Undo puts it
   * back into; `knownLinks`: how many links the reader knows it has (then they
   * are read first, for Undo to make again). Resolves to the links it took
   * with it as far as read, or null when nothing was deleted.
   */
  const remove = useCallback(async (current: AnnotationDto, claimId: string | null = null, knownLinks = 0): Promise<LinkDto[] | null> => {
    setBusy(true);
    const read = knownLinks > 0 ? await fetchSpanLinks(current.id) : null;
    const links = read?.ok ? read.data.links : [];
    const res = await deleteAnnotation(current.id);
    setBusy(false);
    // 404: already gone, which is what the analyst wanted; drop it here too.
    if (res.ok || res.status === 404) {
      setAnnotations((list) => list.filter((a) => a.id !== current.id));
      setStatus(res.ok ? { text: deletedMessage(res.data.linksRemoved), kind: 'info' } : { text: res.message, kind: 'error' });
      if (!res.ok) return [];
      const ends = links.map((l) => ({ from: l.from.id, to: l.to.id, kind: l.kind }));
      remember({ kind: 'delete', span: current, linksRemoved: res.data.linksRemoved, links: ends, claimId });
      return links;
    }
    setStatus({ text: res.message, kind: 'error' });
    return null;
  }, [remember]);

  /** Takes back the last change made here (see UndoEntry); each step is an API call of its own, checked like any other. */
  const undoing = useRef(false);
  const undo = useCallback(async (): Promise<UndoOutcome | null> => {
    const entry = undoStack.at(-1);
    // A second press while one step is on its way (before `busy` reaches the next render) must not take the same step twice.
    if (!entry || busy || undoing.current) return null;
    undoing.current = true;
    setBusy(true);
    const outcome = await undoChange(articleId, entry, latest.current).finally(() => (undoing.current = false));
    setBusy(false);
    if (outcome.ok) {
      const { added, removed } = outcome;
      setAnnotations((list) => [...list.filter((a) => a.id !== removed && a.id !== added?.id), ...(added ? [added] : [])]);
      // Earlier steps on this span now start from what the undo left (a new version, or a new span).
      const oldId = entry.kind === 'edit' ? entry.after.id : entry.span.id;
      setUndoStack((stack) => stack.slice(0, -1).map((e) => (added ? refreshSpan(e, oldId, added) : e)));
    } else {
      if (outcome.gone) setAnnotations((list) => list.filter((a) => a.id !== outcome.gone));
      setUndoStack([]);
    }
    setStatus({ text: outcome.message, kind: outcome.ok ? 'info' : 'error' });
    return outcome;
  }, [articleId, undoStack, busy]);

  /** A reviewer's decision on a span; true once stored. A 409 (edited or decided meanwhile) reloads the spans. */
  const review = useCallback(
    async (current: AnnotationDto, decision: 'approve' | 'reject', comment?: string): Promise<boolean> => {
      setBusy(true);
      const res = await reviewAnnotation(current.id, { decision, version: current.version, ...(comment ? { comment } : {}) });
      if (res.ok) {
        setBusy(false);
        setAnnotations((list) => list.map((a) => (a.id === res.data.id ? res.data : a)));
        setStatus({ text: decision === 'approve' ? 'Span approved.' : 'Span rejected.', kind: 'info' });
        return true;
      }
      const fresh = res.status === 409 ? await fetchArticle(articleId) : null;
      setBusy(false);
      if (fresh?.ok) setAnnotations(fresh.data.annotations);
      setStatus({ text: res.status === 409 ? 'This span changed since you opened it; reloaded. Look again and decide.' : res.message, kind: 'error' });
      return false;
    },
    [articleId],
  );

  /** Reloads the spans (someone else changed them); keeps the view otherwise as it is. */
  const refresh = useCallback(async () => {
    const fresh = await fetchArticle(articleId);
    if (fresh.ok) setAnnotations(fresh.data.annotations);
  }, [articleId]);

  const undoName = undoStack.length ? UNDO_NAMES[undoStack[undoStack.length - 1].kind] : null;
  return { annotations, status, setStatus, busy, create, save, review, remove, refresh, undo, undoName, undoDepth: undoStack.length };
}

function refreshSpan(entry: UndoEntry, oldId: string, now: AnnotationDto): UndoEntry {
  if (entry.kind === 'edit' && entry.after.id === oldId) return { ...entry, after: now };
  if (entry.kind !== 'edit' && entry.span.id === oldId) return { ...entry, span: now };
  return entry;
}

/** What an undo did: the span it removed or added (or updated), the claim it put a span back into; or why it did nothing (`gone`: the span no longer exists). */
export type UndoOutcome =
  | { ok: true; message: string; removed?: string; added?: AnnotationDto; claimId?: string; links?: LinkDto[] }
  | { ok: false; message: string; gone?: string };

const CLEARED = ' Earlier steps can no longer be undone.';

async function undoChange(articleId: string, entry: UndoEntry, now: AnnotationDto[]): Promise<UndoOutcome> {
  if (entry.kind === 'create') {
    // Only as it was tagged: an approval, someone's edit or a link made since makes it a 409.
    const res = await deleteAnnotation(entry.span.id, { version: entry.span.version });
    if (res.ok) return { ok: true, removed: entry.span.id, message: 'Tagging undone: the span is deleted.' };
    if (res.status === 404) return { ok: false, gone: entry.span.id, message: `Not undone: the span was already deleted.${CLEARED}` };
    if (res.status === 409) return { ok: false, message: `Not undone: the span was changed or linked since you tagged it.${CLEARED}` };
    return { ok: false, message: `Not undone: ${res.message}${CLEARED}` };
  }
  if (entry.kind === 'delete') {
    const { start, end, exact, label, speaker, note, status } = entry.span;
    const res = await createAnnotation(articleId, { start, end, exact, label, ...(speaker && { speaker }), ...(note && { note }) });
    if (!res.ok) return { ok: false, message: `Not undone: ${res.message}${CLEARED}` };
    const claimed = entry.claimId ? (await attachToClaim(entry.claimId, res.data.id)).ok : false;
    const links = await relink(entry.links, entry.span.id, res.data.id);
    const unlinked = entry.linksRemoved - links.length;
    const lost = [
      status !== 'pending' && `it is pending review again (it was ${status})`,
      entry.claimId && !claimed && 'its claim is gone, so it is in none',
      // The other end was deleted since, or a link was made after the reader last counted.
      unlinked > 0 && `${unlinked === entry.linksRemoved ? (unlinked === 1 ? 'its link' : `its ${unlinked} links`) : `${unlinked} of its ${entry.linksRemoved} links`} could not be made again`,
    ].filter(Boolean);
    const back = [claimed && 'in its claim', links.length > 0 && `with ${plural(links.length, 'link')} (pending review)`].filter(Boolean).join(', ');
    return {
      ok: true,
      added: res.data,
      links,
      ...(claimed && { claimId: entry.claimId! }),
      message: `Delete undone: the span is back${back ? ` ${back}` : ''}${lost.length ? `; ${lost.join('; ')}` : ''}.`,
    };
  }
  const current = now.find((a) => a.id === entry.after.id);
  if (!current) return { ok: false, message: `Not undone: the span is no longer here.${CLEARED}` };
  const { label, speaker, note, status } = entry.before;
  // Against the version the edit made: anything since (an approval, someone's edit) is a 409.
  const res = await updateAnnotation(current.id, { label, speaker, note, version: entry.after.version });
  if (!res.ok) return { ok: false, message: res.status === 409 ? `Not undone: the span was changed again since your edit.${CLEARED}` : `Not undone: ${res.message}${CLEARED}` };
  return { ok: true, added: res.data, message: `Edit undone${status !== 'pending' ? `; the span stays pending review (it was ${status})` : ''}.` };
}

/** Makes the deleted span's links again on the span that replaces it; those whose other end is gone are left out. */
async function relink(links: LinkEnds[], oldId: string, newId: string): Promise<LinkDto[]> {
  const swap = (id: string) => (id === oldId ? newId : id);
  const made: LinkDto[] = [];
  for (const l of links) {
    const res = await createLink(swap(l.from), swap(l.to), l.kind);
    if (res.ok) made.push(res.data);
  }
  return made;
}

/** Links go with their span; say so, so that nothing disappears unannounced. */
function deletedMessage(linksRemoved: number): string {
  if (linksRemoved === 0) return 'Span deleted.';
  return `Span deleted; ${linksRemoved} ${linksRemoved === 1 ? 'link' : 'links'} removed.`;
}
