import { apiRoute, parseJson } from '@/lib/api/route';
import { projectSettingsInput } from '@/lib/projects/schema';
import { updateProjectSettings } from '@/lib/projects/update-settings';

export const PATCH = apiRoute(async ({ req, caller, params }) => updateProjectSettings(caller, params.projectId, await parseJson(req, projectSettingsInput)));
