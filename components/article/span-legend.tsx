import { LABEL_OPTIONS, STATUS_NAMES } from '@/lib/annotations/labels';

/** What the colours and underline styles mean; shortcut keys shown only to those who can tag. */
export function SpanLegend({ showKeys }: { showKeys: boolean }) {
  return (
    <div className="span-legend" data-testid="span-legend">
      <ul className="span-legend__group" aria-label="Legend: tags">
        {LABEL_OPTIONS.map((o) => (
          <li key={o.value} className="span-legend__item">
            <span className={`span-legend__swatch span-hl--${o.value}`} aria-hidden="true" />
            {o.name}
            {showKeys && <kbd title={`Press ${o.key} to tag a selection as ${o.name}`}>{o.key}</kbd>}
          </li>
        ))}
      </ul>
      <ul className="span-legend__group" aria-label="Legend: review status">
        {(['pending', 'approved', 'rejected'] as const).map((s) => (
          <li key={s} className="span-legend__item">
            <span className={`span-legend__sample span-hl--${s}`} aria-hidden="true">
              abc
            </span>
            {STATUS_NAMES[s]}
          </li>
        ))}
      </ul>
    </div>
  );
}
