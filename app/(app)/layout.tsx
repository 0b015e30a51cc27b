import { currentUser } from "@/lib/auth/session";
import { AppHeader } from "@/components/app-header";

// Each page calls requireUser with its own path, so a signed-out visitor returns there after sign-in.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <>
      {user && <AppHeader user={user} />}
      <main className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </>
  );
}
