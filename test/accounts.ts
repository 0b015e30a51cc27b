import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userTable } from "@/db/schema";
import { createAuth } from "@/lib/auth/server";
import { parseEnv } from "@/lib/env";
import type { Caller } from "@/lib/books/library";

export const testEnv = parseEnv({ BETTER_AUTH_SECRET: "integration-tests-0123456789abcdef-secret", SIGNUP_CREDITS: "500", APP_URL: "http://localhost:3000" });

let counter = 0;

/** Signs a person up through better-auth, exactly as the sign-up page does. */
export async function signUp(db: Db, name: string): Promise<Caller & { email: string }> {
  const email = `${name.toLowerCase()}+${Date.now()}-${counter++}@quire.test`;
  await createAuth(db, testEnv).api.signUpEmail({ body: { name, email, password: "correct horse battery" } });
  const [user] = await db.select().from(userTable).where(eq(userTable.email, email));
  if (!user) throw new Error(`sign-up of ${email} wrote no user`);
  return { id: user.id, role: "user", email };
}
