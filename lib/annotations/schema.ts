import { z } from 'zod';
import { versionField } from '@/lib/api/version-field';
import { LABELS } from './dto';

// zod at the boundary: one schema per request body, shared by the API routes,
// the OpenAPI document and the client. Unknown keys are rejected.

export const MAX_NOTE_LENGTH = 5_000;
export const MAX_SPEAKER_LENGTH = 200;

const offset = z.number().int().min(0).max(50_000_000);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const createAnnotationInput = z
  .strictObject({
    start: offset.describe('Start, inclusive, in Unicode code points over the article text'),
    end: offset.describe('End, exclusive, in Unicode code points'),
    label: z.enum(LABELS),
    note: optionalText(MAX_NOTE_LENGTH),
    speaker: optionalText(MAX_SPEAKER_LENGTH).describe('Who makes the claim, e.g. "Edi Rama"'),
    exact: z
      .string()
      .max(1_000_000)
      .optional()
      .describe('If given, the text the client saw at [start, end); a mismatch is refused with 409'),
  })
  .refine((v) => v.end > v.start, { message: 'end must be greater than start', path: ['end'] });
export type CreateAnnotationInput = z.infer<typeof createAnnotationInput>;

export const updateAnnotationInput = z.strictObject({
  label: z.enum(LABELS).optional(),
  note: optionalText(MAX_NOTE_LENGTH),
  speaker: optionalText(MAX_SPEAKER_LENGTH),
  version: versionField('The version the change was made against; stale → 409'),
});
export type UpdateAnnotationInput = z.infer<typeof updateAnnotationInput>;

export const deleteAnnotationQuery = z.strictObject({
  version: versionField('If given, the span is deleted only if it is still at this version (else 409): an undo must not take away a change made since', 'query').optional(),
  unlinked: z.enum(['true']).optional().describe('"true": deleted only if no link starts or ends at the span (else 409); links made since do not change its version'),
});
export type DeleteAnnotationQuery = z.infer<typeof deleteAnnotationQuery>;

export const placeOrphanInput = z
  .strictObject({
    start: offset.describe('Start in the current text, inclusive, in code points'),
    end: offset.describe('End, exclusive'),
    version: versionField('The version of the orphan the place was chosen for; stale → 409'),
  })
  .refine((v) => v.end > v.start, { message: 'end must be greater than start', path: ['end'] });
export type PlaceOrphanInput = z.infer<typeof placeOrphanInput>;
