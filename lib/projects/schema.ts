import { z } from 'zod';

/** Body of PATCH /api/v1/projects/{id}: the project's settings (admins). */
export const projectSettingsInput = z.strictObject({
  independentAnnotation: z
    .boolean()
    .describe("Analysts see only their own spans on an article until a reviewer opens it for comparison"),
});
export type ProjectSettingsInput = z.infer<typeof projectSettingsInput>;
