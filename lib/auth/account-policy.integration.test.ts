import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { testEnv } from "@/test/accounts";
import { sessionTable, userTable } from "@/db/schema";
import { createAuth } from "./server";
import { recentOutbox } from "./mail";

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => t?.dispose());

const auth = () => createAuth(t.db, { ...testEnv, DEV_MAIL_OUTBOX: true });
let n = 0;
const emailOf = (who: string) => `${who}+${Date.now()}-${n++}@quire.test`;

/** The message and status better-auth answers with, or "ok". */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "ok";
  } catch (err) {
    const e = err as { statusCode?: number; message?: string };
    return `${e.statusCode ?? "?"} ${e.message ?? String(err)}`;
  }
}

async function userCount(email: string): Promise<number> {
  return (await t.db.select().from(userTable).where(eq(userTable.email, email))).length;
}

describe("sign-up limits and password policy (server side)", () => {
  it("refuses a 200,000-character name and writes no user", async () => {
    const email = emailOf("long");
    expect(await outcome(auth().api.signUpEmail({ body: { name: "n".repeat(200_000), email, password: "correct horse battery" } }))).toMatch(/^400 .*at most 100 characters/);
    expect(await userCount(email)).toBe(0);
  });

  it("refuses weak passwords with a reason: short, all digits, common, the email itself", async () => {
    const email = emailOf("weak");
    const tries: Array<[string, RegExp]> = [
      ["12345678", /at least 10 characters/],
      ["1234567890123", /only digits/],
      ["password123", /too common/],
      ["aaaaaaaaaaaa", /too common or too simple/],
      [email, /cannot be your email/],
    ];
    for (const [password, reason] of tries) {
      expect(await outcome(auth().api.signUpEmail({ body: { name: "Weak", email, password } })), password).toMatch(new RegExp(`^400 .*${reason.source}`));
    }
    expect(await userCount(email)).toBe(0);
  });

  it("refuses a control character in a name, an overlong email and fields sign-up does not take", async () => {
    expect(await outcome(auth().api.signUpEmail({ body: { name: "Ada\nLovelace", email: emailOf("ctl"), password: "correct horse battery" } }))).toMatch(/^400 .*cannot be shown/);
    expect(await outcome(auth().api.signUpEmail({ body: { name: "Ada", email: `${"a".repeat(250)}@quire.test`, password: "correct horse battery" } }))).toMatch(/^400 .*at most 254/);
    expect(
      await outcome(auth().api.signUpEmail({ body: { name: "Ada", email: emailOf("extra"), password: "correct horse battery", role: "admin" } as never })),
    ).toMatch(/^400 .*does not take role/);
  });

  it("accepts a sensible sign-up", async () => {
    const email = emailOf("fine");
    expect(await outcome(auth().api.signUpEmail({ body: { name: "Fine Writer", email, password: "correct horse battery" } }))).toBe("ok");
    expect(await userCount(email)).toBe(1);
  });

  it("refuses a 200-character name change", async () => {
    const email = emailOf("rename");
    await auth().api.signUpEmail({ body: { name: "Rena", email, password: "correct horse battery" } });
    const headers = await sessionCookie(email, "correct horse battery");
    expect(headers).toBeDefined();
    expect(await outcome(auth().api.updateUser({ body: { name: "r".repeat(200) }, headers: headers! }))).toMatch(/^400 .*at most 100/);
    const [user] = await t.db.select().from(userTable).where(eq(userTable.email, email));
    expect(user!.name).toBe("Rena");
  });
});

/** Signs in and returns the session cookie as request headers. */
async function sessionCookie(email: string, password: string): Promise<Headers | undefined> {
  const res = await auth().api.signInEmail({ body: { email, password }, asResponse: true });
  const set = res.headers.getSetCookie?.() ?? [];
  if (!res.ok || set.length === 0) return undefined;
  return new Headers({ cookie: set.map((c) => c.split(";")[0]).join("; ") });
}

describe("password reset through better-auth", () => {
  it("mails a one-use link; the new password must meet the policy; the old one stops working; sessions end", async () => {
    const email = emailOf("forgot");
    await auth().api.signUpEmail({ body: { name: "Forgetful", email, password: "old password here" } });
    const before = await t.db.select().from(userTable).where(eq(userTable.email, email));
    expect((await t.db.select().from(sessionTable).where(eq(sessionTable.userId, before[0]!.id))).length).toBeGreaterThan(0);

    await auth().api.requestPasswordReset({ body: { email, redirectTo: "/reset-password" } });
    const mail = recentOutbox().find((m) => m.to === email);
    expect(mail?.subject).toBe("Reset your Quire password");
    expect(mail?.text).toContain(mail!.link);
    const token = new URL(mail!.link).pathname.split("/reset-password/")[1]!;
    expect(token.length).toBeGreaterThanOrEqual(20);

    expect(await outcome(auth().api.resetPassword({ body: { token, newPassword: "1234567890" } }))).toMatch(/^400 .*only digits/);
    expect(await outcome(auth().api.resetPassword({ body: { token, newPassword: "a brand new password" } }))).toBe("ok");
    expect(await outcome(auth().api.resetPassword({ body: { token, newPassword: "another new password" } }))).toMatch(/^400/);

    expect(await sessionCookie(email, "old password here")).toBeUndefined();
    expect(await sessionCookie(email, "a brand new password")).toBeDefined();
    // The reset signed the account out everywhere it was signed in before (only the new sign-in remains).
    expect((await t.db.select().from(sessionTable).where(eq(sessionTable.userId, before[0]!.id))).length).toBe(1);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const email = emailOf("nobody");
    const sent = recentOutbox().length;
    const res = await auth().api.requestPasswordReset({ body: { email, redirectTo: "/reset-password" } });
    expect(res).toMatchObject({ status: true });
    expect(recentOutbox().length).toBe(sent);
  });
});
