import type { Highlight } from '@/lib/search/marked-text';

/**
 * Text with some code-point ranges in <mark>. Works in server and client
 * components; the ranges come from the API (suggestions, search), so no HTML
 * from the server is ever injected.
 */
export function HighlightedText({ text, highlights }: { text: string; highlights: Highlight[] }) {
  if (highlights.length === 0) return <>{text}</>;
  const cps = Array.from(text);
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at || end > cps.length) continue;
    if (start > at) parts.push(cps.slice(at, start).join(''));
    parts.push(<mark key={start}>{cps.slice(start, end).join('')}</mark>);
    at = end;
  }
  if (at < cps.length) parts.push(cps.slice(at).join(''));
  return <>{parts}</>;
}
