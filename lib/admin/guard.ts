import "server-only";
import { requireUser } from "@/lib/auth/guards";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";

/**
 * For admin pages. Each page calls it itself (a layout is not a security boundary: a client-side
 * navigation can fetch a page segment without its layout). Signed-out visitors go to sign in; a
 * signed-in non-admin gets null, and the page renders <Forbidden />.
 */
export async function requireAdminPage(path: string): Promise<SessionUser | null> {
  const user = await requireUser(path);
  return user.role === "admin" ? user : null;
}

/** For admin route handlers: throws unauthorized:auth or forbidden:admin (errorResponse shapes it). */
export async function requireAdminApi(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized:auth");
  if (user.role !== "admin") throw new AppError("forbidden:admin");
  return user;
}
