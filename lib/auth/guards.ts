import "server-only";
import { redirect } from "next/navigation";
import { currentUser, type SessionUser } from "./session";
import { safeReturnPath } from "./return-path";

/** For pages: a signed-out visitor is sent to sign in, and comes back afterwards. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(safeReturnPath(returnTo))}`);
  return user;
}
