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
