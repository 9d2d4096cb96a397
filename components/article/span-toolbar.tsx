'use client';

import type { Ref } from 'react';
import type { Label } from '@/lib/annotations/dto';
import { LABEL_OPTIONS } from '@/lib/annotations/labels';
import type { OverlayAnchor } from './overlay-position';

type SpanToolbarProps = {
  anchor: OverlayAnchor;
  busy: boolean;
  speaker: string;
  note: string;
  onSpeakerChange: (value: string) => void;
  onNoteChange: (value: string) => void;
  onTag: (label: Label) => void;
  onClose: () => void;
  ref?: Ref<HTMLDivElement>;
};

/**
 * Floats under a text selection. The tag buttons keep the selection alive by
 * not taking focus on mousedown; Speaker and Note apply to the next span
 * created and are cleared afterwards. Keys 1/2/3 are handled by the reader;
 * while typing in Speaker or Note (where 1 is a digit), Alt+1/2/3 tag, so the
 * hands need not leave the keyboard.
 */
export function SpanToolbar({ anchor, busy, speaker, note, onSpeakerChange, onNoteChange, onTag, onClose, ref }: SpanToolbarProps) {
  return (
    <div
      ref={ref}
      role="toolbar"
      aria-label="Tag selection"
      data-testid="span-toolbar"
      className="span-toolbar"
      style={{ top: anchor.top, left: anchor.left }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
          return;
        }
        // By the key's place (Digit1), not its character: Option+1 on a Mac types "¡".
        const option = e.altKey && !e.ctrlKey && !e.metaKey ? LABEL_OPTIONS.find((o) => e.code === `Digit${o.key}`) : undefined;
        if (option && !busy) {
          e.preventDefault();
          onTag(option.value);
        }
      }}
    >
      <div className="span-toolbar__tags">
        {LABEL_OPTIONS.map((o) => (
          <button
            key={o.value}
            type="button"
            className={`span-toolbar__tag span-toolbar__tag--${o.value}`}
            // Named by its own text (the kbd is aria-hidden): an aria-label that left out the key
            // shown beside it broke "label in name" (WCAG 2.5.3) for speech-input users.
            aria-keyshortcuts={o.key}
            title={`${o.name} (${o.key})`}
            disabled={busy}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onTag(o.value)}
          >
            {o.name}
            <kbd aria-hidden="true">{o.key}</kbd>
          </button>
        ))}
      </div>
      <input
        className="span-toolbar__field"
        aria-label="Speaker"
        placeholder="Speaker (optional)"
        title="Who makes the claim. Alt+1, Alt+2 or Alt+3 tags the selection from here."
        maxLength={200}
        value={speaker}
        onChange={(e) => onSpeakerChange(e.target.value)}
      />
      <textarea
        className="span-toolbar__field"
        aria-label="Note"
        placeholder="Note (optional; Alt+1/2/3 tags)"
        title="Alt+1, Alt+2 or Alt+3 tags the selection from here."
        rows={2}
        maxLength={5000}
        value={note}
        onChange={(e) => onNoteChange(e.target.value)}
      />
    </div>
  );
}
