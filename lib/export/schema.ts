import { z } from 'zod';
import { LABELS } from '@/lib/annotations/dto';

export const EXPORT_FORMATS = ['w3c', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item).max(500));

/** Query of GET /api/v1/projects/{projectId}/export; also what the CLI takes. */
export const exportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS),
  status: z.enum(['approved', 'all']).default('approved').describe('approved (default) or all spans and links'),
  outlet: list(z.string().max(200)).optional().describe('comma-separated outlets'),
  label: list(z.enum(LABELS)).optional().describe('comma-separated tags'),
  articleId: list(z.string().max(100)).optional().describe('comma-separated article ids'),
});
export type ExportQuery = z.infer<typeof exportQuery>;
