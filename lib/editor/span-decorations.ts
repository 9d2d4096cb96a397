import { Decoration, type Editor, Extension } from '@tiptap/core';
import { resolveTextRange } from '@/lib/anchoring/resolve-text-range';
import type { AnnotationDto, AnnotationStatus, Label } from '@/lib/annotations/dto';
import { labelName, STATUS_NAMES } from '@/lib/annotations/labels';
import type { ArticleMapping } from './article-doc';
import { assignLanes } from './assign-lanes';

/** A span ready to draw: ProseMirror positions plus what the class names need. */
export type DrawnSpan = { id: string; label: Label; status: AnnotationStatus; from: number; to: number; lane: number };

/** `drawn` in text order; `orphanIds` are spans whose stored quote no longer matches the text there. */
export type SpanLayout = { drawn: DrawnSpan[]; orphanIds: ReadonlySet<string> };

type SpanSource = Pick<AnnotationDto, 'id' | 'label' | 'status' | 'start' | 'end' | 'exact'>;

/** Underline depths CSS knows about; deeper overlaps share the last one. */
export const LANE_CLASSES = 4;

export const SPAN_DECORATIONS = 'spanDecorations';

/**
 * Resolves every span against the text once per span-list change: O(n log n)
 * (binary-searched offsets, sort, lane heap). Spans that fail the quote check
 * are not drawn and are reported as orphans so the UI can still list them.
 */
export function layoutSpans(mapping: ArticleMapping, spans: readonly SpanSource[]): SpanLayout {
  const drawn: Omit<DrawnSpan, 'lane'>[] = [];
  const orphanIds = new Set<string>();
  for (const s of spans) {
    const r = resolveTextRange(mapping.index, s);
    if (!r.ok) {
      orphanIds.add(s.id);
      continue;
    }
    drawn.push({
      id: s.id,
      label: s.label,
      status: s.status,
      from: mapping.textOffsetToPos(r.start),
      to: mapping.textOffsetToPos(r.end),
    });
  }
  drawn.sort((a, b) => a.from - b.from || b.to - a.to);
  const lanes = assignLanes(drawn);
  return { drawn: drawn.map((d, i) => ({ ...d, lane: lanes[i] })), orphanIds };
}

export function spanClassName(span: Pick<DrawnSpan, 'label' | 'status' | 'lane'>, isActive: boolean): string {
  const lane = Math.min(span.lane, LANE_CLASSES - 1);
  return `span-hl span-hl--${span.label} span-hl--${span.status} span-hl--lane-${lane}${isActive ? ' span-hl--active' : ''}`;
}

export type SpanDecorationsOptions = {
  /** Read at every redraw; the React side owns the list. */
  getSpans: () => readonly DrawnSpan[];
  getActiveId: () => string | null;
};

/**
 * Highlights as inline decorations: the article document is never touched.
 * `nodeName` gives every decoration its own wrapper element, so
 * overlapping spans nest instead of merging their attributes into one element
 * (ProseMirror merges attribute-only decorations, and the last data-* would win).
 * A `mark`, not a span: screen readers say where a highlight starts and ends
 * (the colour alone tells them nothing), and its title gives tag and status,
 * as the comparison view's marks do.
 * The set is rebuilt only when `redrawSpans` is called (update: 'manual').
 */
export const SpanDecorations = Extension.create<SpanDecorationsOptions>({
  name: SPAN_DECORATIONS,

  addOptions() {
    return { getSpans: () => [], getActiveId: () => null };
  },

  addDecorations() {
    const { getSpans, getActiveId } = this.options;
    return {
      update: 'manual',
      create: () => {
        const activeId = getActiveId();
        return getSpans().map((s) =>
          Decoration.Inline(s.from, s.to, {
            nodeName: 'mark',
            class: spanClassName(s, s.id === activeId),
            title: `${labelName(s.label)} · ${STATUS_NAMES[s.status]}`,
            'data-annotation-id': s.id,
            'data-label': s.label,
            'data-status': s.status,
          }),
        );
      },
    };
  },
});

export function redrawSpans(editor: Editor): void {
  if (!editor.isDestroyed) editor.commands.updateDecorations(SPAN_DECORATIONS);
}
