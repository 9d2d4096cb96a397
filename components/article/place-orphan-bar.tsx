'use client';

import { useState } from 'react';
import { request } from '@/lib/annotations/api-client';
import type { AnnotationDto } from '@/lib/annotations/dto';
import { labelName } from '@/lib/annotations/labels';
import { shortQuote } from './link-kinds';
import type { CapturedSelection } from './use-text-selection';

type Props = {
  orphan: AnnotationDto;
  /** The reader's text selection, if any. */
  selection: CapturedSelection | null;
  onPlaced: (span: AnnotationDto) => void;
  onCancel: () => void;
};

/**
 * Choosing by hand where an orphaned span goes in the current text (from the
 * orphans page, when no guess was close enough): the reader shows which span,
 * the analyst selects its words, and Place here moves it there, keeping its
 * links, claim and history (POST /api/v1/annotations/{id}/place).
 */
export function PlaceOrphanBar({ orphan, selection, onPlaced, onCancel }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const place = async () => {
    if (!selection) return;
    setBusy(true);
    const res = await request<AnnotationDto>(`/api/v1/annotations/${encodeURIComponent(orphan.id)}/place`, {
      method: 'POST',
      body: { start: selection.start, end: selection.end, version: orphan.version },
    });
    setBusy(false);
    if (res.ok) onPlaced(res.data);
    else setError(res.message);
  };
  return (
    <div className="article-reader__placing" role="region" aria-label="Place the orphaned span" data-testid="place-orphan">
      <p>
        Placing the orphaned {labelName(orphan.label).toLowerCase()} “{shortQuote(orphan.exact, 90)}”: select its words in the text, then
        place it. Its links, claim and history stay with it.
      </p>
      <div className="article-reader__placing-actions">
        <button type="button" className="btn-small" disabled={!selection || busy} onMouseDown={(e) => e.preventDefault()} onClick={() => void place()}>
          {selection ? `Place here: “${shortQuote(selection.exact, 40)}”` : 'Place here (select text first)'}
        </button>
        <button type="button" className="btn-small" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {error && (
        <p role="alert" className="article-reader__placing-error">
          {error}
        </p>
      )}
    </div>
  );
}
