/** Names other tools and people give these fields. Lower case. ("id" is left out: doccano's own ids are meant to be dropped.) */
const OTHER_NAMES: Record<string, string> = {
  body: 'text', content: 'text', article: 'text', articlebody: 'text', headline: 'title',
  date: 'published', publishedat: 'published', published_at: 'published', pubdate: 'published', publication_date: 'published',
  source: 'outlet', publisher: 'outlet', site: 'outlet', sitename: 'outlet', link: 'url', href: 'url', byline: 'author', authors: 'author',
};

/**
 * Keys of a record that look meant for a field Crosscheck reads, which the
 * record does not give under its own name: "Title" or "headline" for title,
 * "body" for text. Unknown keys are ignored (other tools' exports carry
 * their own), so without this a misnamed title or date would be dropped
 * without a word. `fields`: the keys the record schema reads
 * (lib/import/record.ts). Each as [key, field].
 */
export function misnamedFields(raw: unknown, fields: readonly string[]): [string, string][] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const out: [string, string][] = [];
  for (const key of Object.keys(raw)) {
    if (fields.includes(key)) continue;
    const meant = fields.find((f) => f.toLowerCase() === key.toLowerCase()) ?? OTHER_NAMES[key.toLowerCase()];
    if (meant && !(meant in raw) && !(meant === 'externalId' && 'external_id' in raw)) out.push([key, meant]);
  }
  return out;
}

/** `field "Title" was ignored (did you mean "title"?)` */
export const misnamedWords = ([key, field]: [string, string]) => `field "${key}" was ignored (did you mean "${field}"?)`;
