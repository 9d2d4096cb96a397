'use server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireCaller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { findUnstorableField } from '@/lib/api/unstorable-text';
import { createProjectInput, projectSettingsInput } from './schema';
import { updateProjectSettings } from './update-settings';
import { createProject } from './create-project';

export type SettingsState = { error?: string; independentAnnotation?: boolean };

/**
 * The project page's settings form. A server action is its own POST endpoint,
 * so it resolves the caller itself and goes through the same domain function
 * as PATCH /api/v1/projects/{id} (admins only, audited).
 */
export async function updateProjectSettingsAction(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  try {
    const caller = await requireCaller();
    if (findUnstorableField(form)) return { error: 'The settings are not valid' };
    const projectId = String(form.get('projectId') ?? '');
    const input = projectSettingsInput.safeParse({ independentAnnotation: form.get('independentAnnotation') === 'on' });
    if (!input.success) return { error: input.error.issues[0]?.message ?? 'The settings are not valid' };
    const project = await updateProjectSettings(caller, projectId, input.data);
    revalidatePath(`/projects/${projectId}`);
    return { independentAnnotation: project.independentAnnotation };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

export type CreateProjectState = { error?: string };

/**
 * The projects page's "New project" form, through the same domain function as
 * POST /api/v1/projects; on success it opens the new project, where the
 * drop zone is the next step.
 */
export async function createProjectAction(_prev: CreateProjectState, form: FormData): Promise<CreateProjectState> {
  let id: string;
  try {
    const caller = await requireCaller();
    const unstorable = findUnstorableField(form);
    if (unstorable) return { error: `The ${unstorable} field holds characters that cannot be stored (U+0000 or a lone surrogate)` };
    const input = createProjectInput.safeParse({ name: String(form.get('name') ?? ''), description: String(form.get('description') ?? '') || undefined });
    if (!input.success) return { error: `The project's ${String(input.error.issues[0]?.path[0] ?? 'name')} ${input.error.issues[0]?.message ?? 'is not valid'}` };
    id = (await createProject(caller, input.data)).id;
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  revalidatePath('/');
  // Outside the try: redirect() throws, as Next's navigation does.
  redirect(`/projects/${id}`);
}
