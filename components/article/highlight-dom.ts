/**
 * Reading the highlight elements ProseMirror draws (never writing them).
 * Overlapping decorations are nested wrapper elements, so the spans under a
 * point are the wrappers on the way up from it.
 */

const ATTR = 'data-annotation-id';

/** Ids of the spans covering `el`, innermost first, without repeats. */
export function annotationIdsAt(el: Element, root: Element): string[] {
  const ids: string[] = [];
  for (let cur: Element | null = el; cur && cur !== root; cur = cur.parentElement) {
    const id = cur.getAttribute(ATTR);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** The first element drawn for span `id` (a span split by paragraphs or overlaps has several). */
export function findHighlight(root: Element, id: string): Element | null {
  const quoted = typeof CSS !== 'undefined' && CSS.escape ? `"${CSS.escape(id)}"` : JSON.stringify(id);
  return root.querySelector(`[${ATTR}=${quoted}]`);
}

/** The nearest wrapper of span `id` at or above `el`. */
export function closestHighlight(el: Element, id: string, root: Element): Element | null {
  for (let cur: Element | null = el; cur && cur !== root; cur = cur.parentElement) {
    if (cur.getAttribute(ATTR) === id) return cur;
  }
  return null;
}

/** True when a key press is typing into a form field, where 1/2/3 must stay digits. */
export function isTypingTarget(target: EventTarget | null, editorRoot: Element | undefined): boolean {
  if (!(target instanceof Element)) return false;
  if (editorRoot && editorRoot.contains(target)) return false;
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}
