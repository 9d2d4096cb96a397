import { z } from 'zod';
import { versionField } from '@/lib/api/version-field';
import { LABELS, REVIEW_STATUSES } from '@/lib/annotations/dto';
import { MATRIX_SORTS } from './dto';

export const MAX_CLAIM_LENGTH = 1_000;

const id = z.string().min(1).max(64);
const claimText = z.string().trim().min(1, 'must not be empty').max(MAX_CLAIM_LENGTH);

export const createClaimInput = z
  .strictObject({
    projectId: id,
    text: claimText.optional().describe('The canonical wording; defaults to the text of annotationId'),
    annotationId: id.optional().describe('A span to start from: its text becomes the wording and it is attached'),
  })
  .refine((v) => v.text !== undefined || v.annotationId !== undefined, {
    message: 'Give the claim text, or a span to start from',
    path: ['text'],
  });
export type CreateClaimInput = z.infer<typeof createClaimInput>;

export const MAX_VERDICT_LENGTH = 100;
export const MAX_VERDICT_NOTE_LENGTH = 500;

export const renameClaimInput = z.strictObject({
  text: claimText,
  verdict: z
    .string()
    .trim()
    .max(MAX_VERDICT_LENGTH)
    .nullable()
    .optional()
    .describe('The fact-check verdict ("False", "Misleading", …) used by the ClaimReview export; empty or null clears it'),
  verdictNote: z
    .string()
    .trim()
    .max(MAX_VERDICT_NOTE_LENGTH)
    .nullable()
    .optional()
    .describe("Why the verdict, in a sentence or two (ClaimReview's ratingExplanation); empty or null clears it"),
  version: versionField('The version the new wording was written against; stale → 409'),
});
export type RenameClaimInput = z.infer<typeof renameClaimInput>;

export const attachSpanInput = z.strictObject({ annotationId: id });
export type AttachSpanInput = z.infer<typeof attachSpanInput>;

/** Query of the matrix (API and page). Empty values mean "no filter", as a GET form sends them. */
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
export const matrixQuery = z.strictObject({
  outlet: z.preprocess(emptyAsUndefined, z.string().max(500).optional()).describe('Only this outlet ("Unknown outlet" for none)'),
  label: z.preprocess(emptyAsUndefined, z.enum(LABELS).optional()),
  status: z.preprocess(emptyAsUndefined, z.enum(REVIEW_STATUSES).optional()),
  sort: z.preprocess(emptyAsUndefined, z.enum(MATRIX_SORTS).optional()).describe('outlets: most outlets first (default); text: A–Z'),
});
export type MatrixQuery = z.infer<typeof matrixQuery>;

/** DELETE /claims/{id}?version=N: the version the caller saw (stale → 409). */
export const deleteClaimQuery = z.strictObject({
  version: versionField('The version the caller saw; stale → 409', 'query'),
});
