'use client';
import { useActionState } from 'react';
import './comparison.css';
import { updateProjectSettingsAction, type SettingsState } from '@/lib/projects/actions';

/**
 * The admin's switch for independent annotation on the project page: a
 * checkbox and Save, so a stray click changes nothing on its own.
 */
export function IndependentAnnotationForm({ projectId, independentAnnotation }: { projectId: string; independentAnnotation: boolean }) {
  const [state, action, pending] = useActionState<SettingsState, FormData>(updateProjectSettingsAction, {});
  const current = state.independentAnnotation ?? independentAnnotation;
  return (
    <form action={action} aria-label="Project settings" className="card cmp-settings">
      <input type="hidden" name="projectId" value={projectId} />
      <label>
        <input type="checkbox" name="independentAnnotation" defaultChecked={current} key={String(current)} /> Independent annotation
      </label>
      <span className="muted">Analysts see only their own spans on an article until a reviewer opens it for comparison.</span>
      <button className="btn" type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save'}
      </button>
      <span role="status" className={state.error ? 'error-text' : 'muted'}>
        {state.error ?? (state.independentAnnotation !== undefined ? `Saved: independent annotation ${current ? 'on' : 'off'}.` : '')}
      </span>
    </form>
  );
}
