import Link from 'next/link';
import { headers } from 'next/headers';
import { requirePageCaller } from '@/lib/auth/page-caller';
import { logoutAction } from '@/lib/auth/actions';
import { KeyboardHelp } from '@/components/keyboard-help';

// The redirect here is for people, not security: every page and route checks
// the caller again itself. It names where the request was going (set by
// proxy.ts; the login action only follows same-site paths), so signing in
// leads back to the article or page that was asked for.
export default async function WorkbenchLayout({ children }: { children: React.ReactNode }) {
  const caller = await requirePageCaller((await headers()).get('x-request-path') ?? undefined);
  return (
    <>
      {/* First in the tab order: past the top bar to the page itself. */}
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          Crosscheck
        </Link>
        <div className="spacer" />
        <span className="who" data-testid="signed-in-as">
          {caller.name} · {caller.email}
        </span>
        <KeyboardHelp />
        <Link href="/account/tokens" className="topbar__link">
          API tokens
        </Link>
        <form action={logoutAction}>
          <button className="btn" type="submit">
            Sign out
          </button>
        </form>
      </header>
      <div id="content" tabIndex={-1}>
        {children}
      </div>
    </>
  );
}
