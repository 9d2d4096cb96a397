import { apiRoute, parseJson } from '@/lib/api/route';
import { setMemberRoles } from '@/lib/projects/members';
import { memberRolesInput } from '@/lib/projects/schema';

export const PUT = apiRoute(async ({ req, caller, params }) => ({ member: await setMemberRoles(caller, params.projectId, params.userId, await parseJson(req, memberRolesInput)) }));
