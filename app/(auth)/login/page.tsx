import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getCaller } from '@/lib/auth/caller';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await getCaller()) redirect('/');
  const { next } = await searchParams;
  return (
    <main className="page" style={{ maxWidth: 420, paddingTop: '12vh' }}>
      <div className="card">
        <h1>Sign in to Crosscheck</h1>
        <LoginForm next={typeof next === 'string' ? next : '/'} />
      </div>
    </main>
  );
}
