import type { Metadata } from 'next';
import { requirePageCaller } from '@/lib/auth/page-caller';
import { listTokens } from '@/lib/tokens/manage-tokens';
import { CreateTokenForm, RevokeTokenButton } from './token-forms';

export const metadata: Metadata = { title: 'API tokens' };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

/** The caller's own API tokens: what scripts send as `Authorization: Bearer …`. */
export default async function TokensPage() {
  const caller = await requirePageCaller('/account/tokens');
  const tokens = await listTokens(caller.id);
  return (
    <main className="page">
      <h1>API tokens</h1>
      <p className="muted">
        Scripts and notebooks call the API (<a href="/api/v1/openapi.json">OpenAPI document</a>) with a token in an{' '}
        <code>Authorization: Bearer …</code> header. A token acts as you, in every project you are in; revoke one as soon as nothing needs it.
      </p>
      <CreateTokenForm />
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <table className="data" aria-label="Your tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Starts with</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td>
                  <code>{t.prefix}…</code>
                </td>
                <td>{day(t.createdAt)}</td>
                <td>{day(t.lastUsedAt) ?? <span className="muted">never</span>}</td>
                <td>{t.revokedAt ? <span className="muted">revoked {day(t.revokedAt)}</span> : <RevokeTokenButton tokenId={t.id} name={t.name} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
