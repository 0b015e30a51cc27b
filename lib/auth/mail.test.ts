import { afterEach, describe, expect, it, vi } from "vitest";
import { mailSenderFromEnv, recentOutbox, resetPasswordMail } from "./mail";

afterEach(() => vi.restoreAllMocks());

describe("account mail", () => {
  it("locally, puts the reset link in the log and the outbox", async () => {
    const lines: unknown[] = [];
    for (const level of ["log", "warn"] as const) vi.spyOn(console, level).mockImplementation((...args) => void lines.push(...args));
    const link = "http://127.0.0.1:3000/api/auth/reset-password/tok123?callbackURL=%2Freset-password";
    await mailSenderFromEnv({ DEV_MAIL_OUTBOX: true }).send(resetPasswordMail("ada@quire.test", link));
    expect(recentOutbox()[0]).toMatchObject({ to: "ada@quire.test", link, subject: "Reset your Quire password" });
    expect(lines.join(" ")).toContain(link);
  });

  it("without a mail provider outside local development, never writes the link anywhere", async () => {
    const lines: unknown[] = [];
    for (const level of ["log", "warn", "error", "info"] as const) vi.spyOn(console, level).mockImplementation((...args) => void lines.push(...args));
    const before = recentOutbox().length;
    const link = "https://quire.example/api/auth/reset-password/secret-token";
    await mailSenderFromEnv({ DEV_MAIL_OUTBOX: false }).send(resetPasswordMail("bob@quire.test", link));
    expect(lines.join(" ")).toContain("no mail sender is configured");
    expect(lines.join(" ")).not.toContain("secret-token");
    expect(recentOutbox().length).toBe(before);
  });
});
