'use client';
import { useState } from 'react';
import { MAPPABLE_FIELDS, type ColumnMapping, type MappableField } from '@/lib/import/column-mapping';

/** CSV files that share a header, the first one's first record, and the mapping chosen for them. */
export type CsvGroup = { columns: string[]; sample?: string[]; files: File[]; mapping: ColumnMapping };

/** What a column holds in the first record, on one line and cut short, to tell columns apart. */
function sampleOf(g: CsvGroup, column: string | undefined): string | null {
  const i = column === undefined ? -1 : g.columns.indexOf(column);
  const value = i < 0 ? undefined : g.sample?.[i]?.replace(/\s+/g, ' ').trim();
  if (!value) return null;
  const chars = Array.from(value);
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : value;
}

const FIELD_NAMES: Record<MappableField, string> = {
  text: 'Text (required)',
  title: 'Title',
  outlet: 'Outlet',
  url: 'URL',
  author: 'Author',
  published: 'Published (date)',
  externalId: 'External id (finds the article again on re-import)',
};

/** Columns chosen for more than one field (allowed, but rarely meant): "“story” fills Text and Title." */
function sharedColumns(g: CsvGroup): string[] {
  const byColumn = new Map<string, MappableField[]>();
  for (const f of MAPPABLE_FIELDS) {
    const c = g.mapping[f];
    if (c) byColumn.set(c, [...(byColumn.get(c) ?? []), f]);
  }
  return [...byColumn]
    .filter(([, fields]) => fields.length > 1)
    .map(([c, fields]) => `“${c}” fills ${fields.map((f) => FIELD_NAMES[f].replace(/ \(.*\)$/, '')).join(' and ')}.`);
}

/**
 * Asks which column fills which article field, for CSV files not in the
 * FNC-1 bodies layout, with a guess from the column names filled in. One
 * form for each header; files with the same header share it.
 */
export function CsvMappingForm({ groups, waiting, onImport, onCancel }: { groups: CsvGroup[]; waiting: string[]; onImport: (groups: CsvGroup[]) => void; onCancel: () => void }) {
  const [chosen, setChosen] = useState(groups);
  const missingText = chosen.some((g) => !g.mapping.text);
  const choose = (i: number, field: MappableField, column: string) =>
    setChosen((gs) => gs.map((g, j) => (j === i ? { ...g, mapping: { ...g.mapping, [field]: column || undefined } } : g)));

  return (
    <form
      className="csv-mapping"
      aria-label="CSV columns"
      onSubmit={(e) => {
        e.preventDefault();
        if (!missingText) onImport(chosen);
      }}
    >
      {chosen.map((g, i) => (
        <fieldset key={g.columns.join('\u0000')}>
          <legend>
            {g.files.map((f) => f.name).join(', ')}: which column holds what?
          </legend>
          {MAPPABLE_FIELDS.map((field) => (
            <label key={field}>
              <span>{FIELD_NAMES[field]}</span>
              <select value={g.mapping[field] ?? ''} onChange={(e) => choose(i, field, e.target.value)}>
                <option value="">— none —</option>
                {g.columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <span className="muted csv-mapping__sample">{sampleOf(g, g.mapping[field]) && `e.g. “${sampleOf(g, g.mapping[field])}”`}</span>
            </label>
          ))}
        </fieldset>
      ))}
      {chosen.flatMap((g) => sharedColumns(g)).map((line) => (
        <p key={line} className="muted" role="note">
          {line}
        </p>
      ))}
      {missingText && (
        <p className="error-text" role="alert">
          Choose the column that holds the article text.
        </p>
      )}
      {waiting.length > 0 && <p className="muted">Imported with them: {waiting.join(', ')}.</p>}
      <div className="csv-mapping__actions">
        <button className="btn primary" type="submit" disabled={missingText}>
          Import
        </button>
        <button className="btn" type="button" onClick={onCancel}>
          Cancel all
        </button>
      </div>
    </form>
  );
}
