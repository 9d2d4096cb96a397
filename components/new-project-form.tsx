'use client';
import { useActionState } from 'react';
import { createProjectAction, type CreateProjectState } from '@/lib/projects/actions';

/** "New project": a name and an optional description; the new project opens on success. */
export function NewProjectForm() {
  const [state, action, pending] = useActionState<CreateProjectState, FormData>(createProjectAction, {});
  return (
    <details className="card new-project" open={Boolean(state.error)}>
      <summary>New project</summary>
      <form action={action} aria-label="New project">
        <label>
          Name <input name="name" required maxLength={200} autoComplete="off" />
        </label>
        <label>
          Description <input name="description" maxLength={2000} autoComplete="off" placeholder="optional: the corpus and the work" />
        </label>
        <button className="btn" type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create'}
        </button>
        {state.error && (
          <p className="error-text" role="status">
            {state.error}
          </p>
        )}
      </form>
    </details>
  );
}
