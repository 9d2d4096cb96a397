/**
 * Several document-level key listeners share Escape (popover, tagging
 * toolbar, compare view); the first to act claims the key press and the
 * others leave it alone.
 *
 * `defaultPrevented` alone cannot say whether one of them acted: ProseMirror
 * cancels every Escape and Enter pressed inside the editor (prosemirror-view's
 * captureKeyDown), so inside the article text only our own mark counts.
 * Outside it, a preventDefault by anyone (the popover's own onKeyDown, say)
 * still counts as handled.
 */
const claimed = new WeakSet<Event>();

export function claimKey(e: KeyboardEvent): void {
  claimed.add(e);
  e.preventDefault();
}

export function keyClaimed(e: KeyboardEvent): boolean {
  if (claimed.has(e)) return true;
  return e.defaultPrevented && !(e.target instanceof Element && e.target.closest('.ProseMirror'));
}
