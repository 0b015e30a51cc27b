import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { headerBalance } from "@/lib/credits/header-balance";

export async function AppHeader({ user }: { user: SessionUser }) {
  const balance = await headerBalance(user.id);
  return (
    <header className="border-b border-border bg-card">
      <nav className="mx-auto flex max-w-5xl items-center gap-6 px-6 py-3" aria-label="Main">
        <Link href="/library" className="font-serif text-xl font-semibold">
          Quire
        </Link>
        <Link href="/library" className="text-sm hover:underline">
          Library
        </Link>
        <Link href="/playground" className="text-sm hover:underline">
          Playground
        </Link>
        <Link href="/api-keys" className="text-sm hover:underline">
          API keys
        </Link>
        <Link href="/credits" className="text-sm hover:underline">
          Credits
          {balance !== null && (
            <span className="ml-1 rounded bg-muted px-1.5 py-0.5 text-xs tabular-nums" data-testid="header-balance">
              {balance.toLocaleString("en")}
            </span>
          )}
        </Link>
        {user.role === "admin" && (
          <Link href="/admin" className="text-sm hover:underline">
            Admin
          </Link>
        )}
        <Link href="/account" className="ml-auto text-sm text-muted-foreground hover:underline" data-testid="signed-in-as" title="Your account">
          {user.email}
        </Link>
        <SignOutButton />
      </nav>
    </header>
  );
}
