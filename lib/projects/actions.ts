'use server';
import { revalidatePath } from 'next/cache';
import { requireCaller } from '@/lib/auth/caller';
import { AppError } from '@/lib/errors';
import { findUnstorableField } from '@/lib/api/unstorable-text';
import { projectSettingsInput } from './schema';
import { updateProjectSettings } from './update-settings';

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
