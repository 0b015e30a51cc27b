import Link from "next/link";
import type { SessionUser } from "@/lib/auth/session";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function AppHeader({ user }: { user: SessionUser }) {
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
        {user.role === "admin" && (
          <Link href="/admin" className="text-sm hover:underline">
            Admin
          </Link>
        )}
        <span className="ml-auto text-sm text-muted-foreground" data-testid="signed-in-as">
          {user.email}
        </span>
        <SignOutButton />
      </nav>
    </header>
  );
}
