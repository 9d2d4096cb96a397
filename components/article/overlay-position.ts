/** Where a floating panel goes: below `rect`, inside `container`, in the container's coordinates. */
export type OverlayAnchor = { top: number; left: number };

const GAP = 6;
// Keeps a panel of this width on screen when the anchor is near the right edge.
const PANEL_WIDTH = 360;

export function anchorBelow(rect: DOMRect | null, container: Element | null): OverlayAnchor {
  if (!rect || !container) return { top: 0, left: 0 };
  const box = container.getBoundingClientRect();
  const maxLeft = Math.max(0, box.width - PANEL_WIDTH);
  return { top: rect.bottom - box.top + GAP, left: Math.min(Math.max(0, rect.left - box.left), maxLeft) };
}

/** The last line box of a range: the toolbar sits under where the selection ends. */
export function lastRectOf(range: Range): DOMRect | null {
  if (typeof range.getClientRects !== 'function') return null; // jsdom
  const rects = range.getClientRects();
  return rects.length > 0 ? rects[rects.length - 1] : null;
}
