import { apiRoute, parseJson } from '@/lib/api/route';
import { addProjectMember, listProjectMembers } from '@/lib/projects/members';
import { addMemberInput } from '@/lib/projects/schema';

export const GET = apiRoute(async ({ caller, params }) => ({ members: await listProjectMembers(caller.id, params.projectId) }));

export const POST = apiRoute(async ({ req, caller, params }) => addProjectMember(caller, params.projectId, await parseJson(req, addMemberInput)));
