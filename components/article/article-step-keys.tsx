'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { isTypingTarget } from './highlight-dom';
import { keyClaimed } from './key-claims';

/**
 * Shift+PageDown / Shift+PageUp open the next / previous article, as in
 * INCEpTION. Not while typing, and not while text is selected (there the keys
 * extend the selection, as the browser does).
 */
export function ArticleStepKeys({ previousHref, nextHref }: { previousHref: string | null; nextHref: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || keyClaimed(e)) return;
      const href = e.key === 'PageDown' ? nextHref : e.key === 'PageUp' ? previousHref : null;
      // The article's text is an editor (for the caret and keyboard selection) but nobody types in it.
      if (!href || isTypingTarget(e.target, document.querySelector('[data-testid="article-text"]') ?? undefined)) return;
      const selection = document.getSelection();
      if (selection && !selection.isCollapsed) return;
      e.preventDefault();
      router.push(href);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [router, previousHref, nextHref]);
  return null;
}
