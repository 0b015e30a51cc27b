import { requireUser } from "@/lib/auth/guards";
import { AppHeader } from "@/components/app-header";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/admin");
  if (user.role !== "admin") {
    return (
      <>
        <AppHeader user={user} />
        <main className="mx-auto flex min-h-[60vh] max-w-md flex-col justify-center gap-3 px-6">
          <h1 className="font-serif text-3xl font-semibold">Forbidden</h1>
          <p className="text-muted-foreground" data-error-code="forbidden:admin">
            This area is for Quire administrators. Your account does not have that role.
          </p>
        </main>
      </>
    );
  }
  return (
    <>
      <AppHeader user={user} />
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </>
  );
}
