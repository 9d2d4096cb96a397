'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * The export menu's Filter panel: a disclosure that says how many boxes are
 * ticked while closed, and closes on Escape or a click elsewhere, as menus do.
 * The checkboxes themselves are plain form fields of the export form.
 */
export function ExportFilter({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [ticked, setTicked] = useState(0);
  useEffect(() => {
    const closeOutside = (e: MouseEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(e.target as Node)) details.open = false;
    };
    document.addEventListener('click', closeOutside);
    return () => document.removeEventListener('click', closeOutside);
  }, []);
  return (
    <details
      ref={ref}
      className="export-filter"
      onChange={() => setTicked(ref.current?.querySelectorAll('input[type="checkbox"]:checked').length ?? 0)}
      onToggle={() => keepInWindow(ref.current)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !ref.current?.open) return;
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary>{ticked ? `Filter (${ticked})` : 'Filter'}</summary>
      <div className="export-filter__panel">{children}</div>
    </details>
  );
}

/**
 * The panel opens below its summary, aligned to the side the page's CSS
 * chose; where the summary sits near the window's edge (a narrow window, the
 * article page's menu) that side may push it out of the window: then the
 * other side.
 */
function keepInWindow(details: HTMLDetailsElement | null) {
  const panel = details?.querySelector<HTMLElement>('.export-filter__panel');
  if (!details?.open || !panel) return;
  panel.style.left = panel.style.right = '';
  const box = panel.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  if (box.right > width) Object.assign(panel.style, { left: 'auto', right: '0' });
  else if (box.left < 0) Object.assign(panel.style, { left: '0', right: 'auto' });
}
