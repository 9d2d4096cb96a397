import { z } from 'zod';
import { PROJECT_ROLES } from '@/lib/auth/can';

/** Body of POST /api/v1/projects: a new project. */
export const createProjectInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'is longer than 200 characters').describe('Unique among all projects'),
  description: z.string().trim().max(2000, 'is longer than 2000 characters').optional().describe('A line or two on the corpus and the work'),
});
export type CreateProjectInput = z.infer<typeof createProjectInput>;

/** Body of PATCH /api/v1/projects/{id}: the project's settings (admins). */
export const projectSettingsInput = z.strictObject({
  independentAnnotation: z
    .boolean()
    .describe("Analysts see only their own spans on an article until a reviewer opens it for comparison"),
});
export type ProjectSettingsInput = z.infer<typeof projectSettingsInput>;

const roleList = z
  .array(z.enum(PROJECT_ROLES))
  .max(3)
  .transform((roles) => [...new Set(roles)]);

/** Body of PUT /api/v1/projects/{id}/members/{userId}: the member's roles (admins); none takes them out of the project. */
export const memberRolesInput = z.strictObject({
  roles: roleList.describe('Every role the member is to have; an empty list removes them from the project'),
});
export type MemberRolesInput = z.infer<typeof memberRolesInput>;

/** Body of POST /api/v1/projects/{id}/members: someone with an account, by email, and their roles (admins). */
export const addMemberInput = z.strictObject({
  email: z.string().trim().toLowerCase().max(320).pipe(z.email()).describe('The sign-in email of an existing account'),
  roles: roleList.refine((r) => r.length > 0, 'give at least one role').describe('Roles to add (kept with any they have already)'),
});
export type AddMemberInput = z.infer<typeof addMemberInput>;
