import { apiRoute, created, parseJson } from '@/lib/api/route';
import { listProjects } from '@/lib/projects/list-projects';
import { createProject } from '@/lib/projects/create-project';
import { createProjectInput } from '@/lib/projects/schema';

export const GET = apiRoute(async ({ caller }) => ({ projects: await listProjects(caller.id) }));

export const POST = apiRoute(async ({ req, caller }) => created(await createProject(caller, await parseJson(req, createProjectInput))));
