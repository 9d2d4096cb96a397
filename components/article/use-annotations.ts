'use client';

import { useCallback, useState } from 'react';
import { createAnnotation, deleteAnnotation, fetchArticle, updateAnnotation } from '@/lib/annotations/api-client';
import type { AnnotationDto, CreateAnnotationBody, UpdateAnnotationBody } from '@/lib/annotations/dto';
import { labelName } from '@/lib/annotations/labels';
import { reviewAnnotation } from '@/lib/review/api-client';

export type ReaderStatus = { text: string; kind: 'info' | 'error' };
export type SaveOutcome = 'saved' | 'conflict' | 'failed';

export const CONFLICT_MESSAGE = 'This span was changed by someone else; reloaded.';

/**
 * The article's spans plus the API calls that change them. Every outcome is
 * reported through `status`, which the reader shows in its live region.
 */
export function useAnnotations(articleId: string, initial: AnnotationDto[]) {
  const [annotations, setAnnotations] = useState(initial);
  const [status, setStatus] = useState<ReaderStatus | null>(null);
  const [busy, setBusy] = useState(false);

  const create = useCallback(
    async (body: CreateAnnotationBody): Promise<AnnotationDto | null> => {
      setBusy(true);
      const res = await createAnnotation(articleId, body);
      setBusy(false);
      if (!res.ok) {
        setStatus({ text: res.message, kind: 'error' });
        return null;
      }
      setAnnotations((list) => [...list.filter((a) => a.id !== res.data.id), res.data]);
      setStatus({ text: `${labelName(res.data.label)} added.`, kind: 'info' });
      return res.data;
    },
    [articleId],
  );

  const save = useCallback(
    async (current: AnnotationDto, changes: Omit<UpdateAnnotationBody, 'version'>, version = current.version): Promise<SaveOutcome> => {
      setBusy(true);
      const res = await updateAnnotation(current.id, { ...changes, version });
      if (res.ok) {
        setBusy(false);
        setAnnotations((list) => list.map((a) => (a.id === res.data.id ? res.data : a)));
        setStatus({ text: current.status === 'pending' ? 'Span saved.' : `Span saved; it was ${current.status} and is pending review again.`, kind: 'info' });
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
    [articleId],
  );

  const remove = useCallback(async (current: AnnotationDto): Promise<boolean> => {
    setBusy(true);
    const res = await deleteAnnotation(current.id);
    setBusy(false);
    // 404: already gone, which is what the analyst wanted; drop it here too.
    if (res.ok || res.status === 404) {
      setAnnotations((list) => list.filter((a) => a.id !== current.id));
      setStatus(res.ok ? { text: deletedMessage(res.data.linksRemoved), kind: 'info' } : { text: res.message, kind: 'error' });
      return true;
    }
    setStatus({ text: res.message, kind: 'error' });
    return false;
  }, []);

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

  return { annotations, status, setStatus, busy, create, save, review, remove, refresh };
}

/** Links go with their span; say so, so that nothing disappears unannounced. */
function deletedMessage(linksRemoved: number): string {
  if (linksRemoved === 0) return 'Span deleted.';
  return `Span deleted; ${linksRemoved} ${linksRemoved === 1 ? 'link' : 'links'} removed.`;
}
