'use client';
import { useActionState, useEffect, useState } from 'react';
import { loginAction, type LoginState } from '@/lib/auth/actions';

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(loginAction, {});
  // Controlled: a failed attempt resets the form (React's form actions do), and the email should stay typed.
  const [email, setEmail] = useState('');
  // The browser keeps a link's #fragment (a span's place) through the redirect here; carry it on to `next`.
  const [hash, setHash] = useState('');
  useEffect(() => setHash(window.location.hash), []);
  return (
    <form action={action} className="form">
      <input type="hidden" name="next" value={next.includes('#') ? next : next + hash} />
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {state.error && (
        <p className="error-text" data-testid="login-error" role="status">
          {state.error}
        </p>
      )}
      <button className="btn primary" type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
