'use client';

import { useEffect, useState } from 'react';
import { fetchArticle } from '@/lib/annotations/api-client';
import type { AnnotationDto } from '@/lib/annotations/dto';
import type { LoadSpanContext } from '@/lib/cross-source/types';

export type ComparedArticle = {
  id: string;
  title: string;
  outlet: string | null;
  text: string;
  annotations: AnnotationDto[];
  /** Claims of its spans, when the page gave a way to read them (else the spans' own claimId, if the API sends one). */
  claimIds: Record<string, string>;
};

type State = { articleId: string; article: ComparedArticle | null; error: string | null };

/**
 * Loads the article shown in the compare view: text and spans from the API,
 * and its spans' claims through the page's server action, both at once.
 * A newer choice of article wins over a slower earlier one.
 */
export function useComparedArticle(articleId: string | null, loadSpanContext?: LoadSpanContext) {
  const [state, setState] = useState<State | null>(null);

  useEffect(() => {
    if (!articleId) return;
    let live = true;
    void Promise.all([fetchArticle(articleId), loadSpanContext ? loadSpanContext(articleId).catch(() => null) : Promise.resolve(null)]).then(
      ([res, context]) => {
        if (!live) return;
        if (!res.ok) {
          setState({ articleId, article: null, error: res.message });
          return;
        }
        const a = res.data.article as { id: string; title?: unknown; outlet?: unknown; text?: unknown };
        setState({
          articleId,
          error: null,
          article: {
            id: a.id,
            title: String(a.title ?? ''),
            outlet: typeof a.outlet === 'string' ? a.outlet : null,
            text: String(a.text ?? ''),
            annotations: res.data.annotations,
            claimIds: context?.claimIds ?? {},
          },
        });
      },
    );
    return () => {
      live = false;
    };
  }, [articleId, loadSpanContext]);

  const current = state && state.articleId === articleId ? state : null;
  return { article: current?.article ?? null, error: current?.error ?? null, loading: !!articleId && !current };
}
