"use client";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { ACCOUNT_LIMITS } from "@/lib/auth/policy";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";

/** Asks better-auth to mail a reset link. The answer is the same whether the address has an account. */
export function ForgotPasswordForm() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String((new FormData(event.currentTarget).get("email") as string | null) ?? "").trim();
    setPending(true);
    setError(null);
    const result = await authClient.requestPasswordReset({ email, redirectTo: "/reset-password" });
    setPending(false);
    if (result.error) {
      const code = result.error.status === 429 ? "rate_limit:auth" : "bad_request:auth";
      setError({ code, message: result.error.message ?? "That did not work. Please check the address." });
      return;
    }
    setSentTo(email);
  }

  if (sentTo) {
    return (
      <p role="status" className="text-sm">
        If there is a Quire account for <strong>{sentTo}</strong>, a link to choose a new password is on its way. It works once, for
        one hour.
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label="Reset password">
      <div className="flex flex-col gap-2">
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="email" maxLength={ACCOUNT_LIMITS.email} required />
      </div>
      <ErrorBanner error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : "Send reset link"}
      </Button>
    </form>
  );
}
