import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { getDb } from "@/db/request-db";
import { appEnv } from "@/lib/env";
import type { Caller } from "@/lib/books/library";
import { createAuth, type Auth } from "./server";

const instances = new WeakMap<object, Auth>();

/** One better-auth instance per database binding (per isolate), built on first use. */
export function getAuth(): Auth {
  const db = getDb();
  let auth = instances.get(db);
  if (!auth) {
    auth = createAuth(db, appEnv());
    instances.set(db, auth);
  }
  return auth;
}

export type SessionUser = Caller & { name: string; email: string };

/** The signed-in user of this request, or null (looked up once per request). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getAuth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const u = session.user as typeof session.user & { role?: string };
  return { id: u.id, name: u.name, email: u.email, role: u.role === "admin" ? "admin" : "user" };
});
