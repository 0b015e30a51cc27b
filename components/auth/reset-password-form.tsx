"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { ACCOUNT_LIMITS, PASSWORD_RULES, passwordProblem } from "@/lib/auth/policy";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";

/** The page a reset link lands on (better-auth adds ?token=, or ?error=INVALID_TOKEN when it is spent). */
export function ResetPasswordForm() {
  const params = useSearchParams();
  const token = params.get("token");
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  if (!token || params.get("error")) {
    return (
      <div className="flex flex-col gap-3 text-sm">
        <ErrorBanner error={{ code: "bad_request:reset_link", message: "This reset link is not valid any more (it works once, for one hour)." }} />
        <Link className="underline" href="/forgot-password">
          Ask for a new link
        </Link>
      </div>
    );
  }
  if (done) {
    return (
      <p role="status" className="text-sm">
        Your password is changed, and every other session is signed out.{" "}
        <Link className="underline" href="/sign-in">
          Sign in
        </Link>{" "}
        with the new one.
      </p>
    );
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String((form.get("password") as string | null) ?? "");
    const weak = passwordProblem(newPassword);
    if (weak) return setError({ code: "bad_request:auth", message: weak });
    if (newPassword !== String((form.get("confirm") as string | null) ?? "")) {
      return setError({ code: "bad_request:auth", message: "The two passwords differ; type the same one twice." });
    }
    setPending(true);
    setError(null);
    const result = await authClient.resetPassword({ newPassword, token: token! });
    setPending(false);
    if (result.error) {
      const code = result.error.status === 429 ? "rate_limit:auth" : "bad_request:auth";
      setError({ code, message: result.error.message ?? "That did not work. Ask for a new link." });
      return;
    }
    setDone(true);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Choose a new password">
      <div className="flex flex-col gap-2">
        <Label htmlFor="password">New password</Label>
        <Input id="password" name="password" type="password" autoComplete="new-password" minLength={ACCOUNT_LIMITS.password.min} maxLength={ACCOUNT_LIMITS.password.max} aria-describedby="password-rules" required />
        <p id="password-rules" className="text-xs text-muted-foreground">
          {PASSWORD_RULES}
        </p>
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="confirm">New password, again</Label>
        <Input id="confirm" name="confirm" type="password" autoComplete="new-password" maxLength={ACCOUNT_LIMITS.password.max} required />
      </div>
      <ErrorBanner error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : "Set new password"}
      </Button>
    </form>
  );
}
