'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { request } from '@/lib/annotations/api-client';
import type { MemberDto } from '@/lib/projects/members';
import { PROJECT_ROLES as ROLES } from '@/lib/auth/can';

type Props = { projectId: string; members: MemberDto[]; canManage: boolean; currentUserId: string };

/**
 * The project's members and their roles; for admins, a row of role boxes per
 * member saved with its button, Remove, and a form to add someone by email.
 * Every change goes through the members API and the page is read again.
 */
export function MembersEditor({ projectId, members, canManage, currentUserId }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/projects/${encodeURIComponent(projectId)}/members`;

  const send = async (url: string, method: 'POST' | 'PUT', body: object, done: string) => {
    setBusy(true);
    const res = await request<unknown>(url, { method, body });
    setBusy(false);
    setMessage(res.ok ? { text: done, error: false } : { text: res.message, error: true });
    if (res.ok) router.refresh();
    return res.ok;
  };
  const rolesOf = (form: HTMLFormElement) => ROLES.filter((r) => (form.elements.namedItem(r) as HTMLInputElement | null)?.checked);

  return (
    <>
      <p role="status" data-testid="members-status" className={message?.error ? 'error-text' : 'muted'}>
        {message?.text}
      </p>
      <table className="data" aria-label="Members">
        <thead>
          <tr>
            <th>Name</th>
            {canManage && <th>Email</th>}
            <th>Roles</th>
            {/* Named for screen readers, which read a cell's header with it; sighted users see the buttons. */}
            {canManage && (
              <th>
                <span className="visually-hidden">Remove</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={`${m.id}:${m.roles.join()}`} data-member-id={m.id}>
              <td>
                {m.name}
                {m.id === currentUserId && <span className="muted"> (you)</span>}
              </td>
              {canManage && <td>{m.email}</td>}
              <td>
                {canManage ? (
                  <form
                    className="members-roles"
                    aria-label={`Roles of ${m.name}`}
                    onSubmit={async (e) => {
                      e.preventDefault();
                      const form = e.currentTarget;
                      const roles = rolesOf(form);
                      if (roles.length === 0 && !window.confirm(`Take ${m.name} out of the project?`)) return;
                      const saved = await send(`${base}/${encodeURIComponent(m.id)}`, 'PUT', { roles }, roles.length ? `Saved ${m.name}’s roles.` : `${m.name} is no longer a member.`);
                      // Refused (the last admin, say): the boxes show what is stored again, not what was asked for.
                      if (!saved) form.reset();
                    }}
                  >
                    {ROLES.map((r) => (
                      <label key={r}>
                        <input type="checkbox" name={r} defaultChecked={m.roles.includes(r)} /> {r}
                      </label>
                    ))}
                    <button type="submit" className="btn" disabled={busy}>
                      Save
                    </button>
                  </form>
                ) : (
                  m.roles.join(', ')
                )}
              </td>
              {canManage && (
                <td>
                  <button
                    type="button"
                    className="btn"
                    disabled={busy}
                    aria-label={`Remove ${m.name}`}
                    onClick={() => {
                      if (window.confirm(`Take ${m.name} out of the project? Their spans, links and history stay.`)) {
                        void send(`${base}/${encodeURIComponent(m.id)}`, 'PUT', { roles: [] }, `${m.name} is no longer a member.`);
                      }
                    }}
                  >
                    Remove
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canManage && (
        <form
          className="members-add card"
          aria-label="Add a member"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const email = (form.elements.namedItem('email') as HTMLInputElement).value;
            if (await send(base, 'POST', { email, roles: rolesOf(form) }, `Added ${email.trim()}.`)) form.reset();
          }}
        >
          <h2>Add a member</h2>
          <label>
            Email <input type="email" name="email" required maxLength={320} />
          </label>
          {ROLES.map((r) => (
            <label key={r}>
              <input type="checkbox" name={r} defaultChecked={r === 'analyst'} /> {r}
            </label>
          ))}
          <button type="submit" className="btn primary" disabled={busy}>
            Add
          </button>
        </form>
      )}
    </>
  );
}
