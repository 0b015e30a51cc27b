import { requireUser } from "@/lib/auth/guards";
import { AppHeader } from "@/components/app-header";

// The header only; every admin page checks the role itself (lib/admin/guard.ts), because a layout is
// not re-run on every client-side navigation and so cannot be the security boundary.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/admin");
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </>
  );
}
