import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { HeaderMenu } from "@/components/header-menu";
import { headerBalance } from "@/lib/credits/header-balance";
import { CreditBadge } from "@/components/credit-badge";

type NavLink = { href: string; label: string };

function navLinks(user: SessionUser): NavLink[] {
  return [
    { href: "/library", label: "Library" },
    { href: "/playground", label: "Playground" },
    { href: "/api-keys", label: "API keys" },
    { href: "/credits", label: "Credits" },
    ...(user.role === "admin" ? [{ href: "/admin", label: "Admin" }] : []),
  ];
}

/**
 * From 768 px the links sit in a row; below it they fold into a menu, so no page is wider than the
 * screen. The balance stays in view at every width.
 */
export async function AppHeader({ user }: { user: SessionUser }) {
  const links = navLinks(user);
  return (
    <header className="border-b border-border bg-card">
      <nav className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-2 sm:px-6 md:gap-5" aria-label="Main">
        <Link href="/library" className="font-serif text-xl font-semibold">
          Quire
        </Link>
        <div className="hidden items-center gap-5 md:flex">
          {links.map((l) => (
            <Link key={l.href} href={l.href} className="text-sm hover:underline">
              {l.label}
            </Link>
          ))}
        </div>
        <div className="ml-auto flex min-w-0 items-center gap-2 md:gap-3">
          <HeaderBalance userId={user.id} />
          <Link
            href="/account"
            className="hidden max-w-56 truncate text-sm text-muted-foreground hover:underline md:inline"
            data-testid="signed-in-as"
            title="Your account"
          >
            {user.email}
          </Link>
          <span className="hidden md:inline-flex">
            <SignOutButton />
          </span>
          <HeaderMenu>
            <p className="truncate px-3 py-1 text-xs text-muted-foreground">{user.email}</p>
            {[...links, { href: "/account", label: "Account" }].map((l) => (
              <Link key={l.href} href={l.href} className="rounded-md px-3 py-2 text-sm hover:bg-muted">
                {l.label}
              </Link>
            ))}
            <SignOutButton />
          </HeaderMenu>
        </div>
      </nav>
    </header>
  );
}

/** The balance slot: the user's credits (live, see CreditBadge), linking to the credits page. */
async function HeaderBalance({ userId }: { userId: string }) {
  const balance = await headerBalance(userId);
  if (balance === null) return null;
  return <CreditBadge initial={balance} />;
}
