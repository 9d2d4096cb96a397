import { AppError } from '@/lib/errors';

/** The article fields a CSV column can fill, in the order forms list them. */
export const MAPPABLE_FIELDS = ['text', 'title', 'outlet', 'url', 'author', 'published', 'externalId'] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** CSV column → article field, e.g. { text: 'articleBody', externalId: 'Body ID' }. */
export type ColumnMapping = Partial<Record<MappableField, string>>;

const isField = (s: string): s is MappableField => (MAPPABLE_FIELDS as readonly string[]).includes(s);

/**
 * A CSV column mapping written as `field=column` pairs separated by commas
 * (`text=articleBody,externalId=Body ID`): what the CLI's --map and the
 * import API's `map` field take. A column name may hold "=" (only the first
 * one separates); it cannot hold a comma. `where` names the option or field
 * in errors.
 */
export function parseColumnMapping(spec: string, where: string): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const pair of spec.split(',')) {
    const [rawField, ...rest] = pair.split('=');
    const field = rawField.trim();
    const column = rest.join('=').trim();
    if (!isField(field) || column === '') {
      throw new AppError('BAD_REQUEST', `${where}: "${pair.trim()}" is not field=column (fields: ${MAPPABLE_FIELDS.join(', ')})`, { [where]: `"${pair.trim()}" is not field=column` });
    }
    if (mapping[field] !== undefined) throw new AppError('BAD_REQUEST', `${where}: ${field} is mapped twice`, { [where]: `${field} mapped twice` });
    mapping[field] = column;
  }
  if (mapping.text === undefined) throw new AppError('BAD_REQUEST', `${where}: name the column that holds the text (text=<column>)`, { [where]: 'no column for text' });
  return mapping;
}

/** The inverse of parseColumnMapping: what the import form sends. */
export const formatColumnMapping = (mapping: ColumnMapping) =>
  MAPPABLE_FIELDS.flatMap((f) => (mapping[f] ? [`${f}=${mapping[f]}`] : [])).join(',');
