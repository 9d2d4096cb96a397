import Link from 'next/link';
import { requirePageCaller } from '@/lib/auth/page-caller';
import { logoutAction } from '@/lib/auth/actions';

// The redirect here is for people, not security: every page and route checks
// the caller again itself.
export default async function WorkbenchLayout({ children }: { children: React.ReactNode }) {
  const caller = await requirePageCaller();
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          Crosscheck
        </Link>
        <div className="spacer" />
        <span className="who" data-testid="signed-in-as">
          {caller.name} · {caller.email}
        </span>
        <form action={logoutAction}>
          <button className="btn" type="submit">
            Sign out
          </button>
        </form>
      </header>
      {children}
    </>
  );
}
