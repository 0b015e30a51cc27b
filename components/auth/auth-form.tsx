"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { authClient } from "@/lib/auth/client";
import { ACCOUNT_LIMITS, PASSWORD_RULES, passwordProblem } from "@/lib/auth/policy";
import { safeReturnPath } from "@/lib/auth/return-path";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";

type Mode = "sign-in" | "sign-up";

export function AuthForm({ mode }: { mode: Mode }) {
  const router = useRouter();
  const next = safeReturnPath(useSearchParams().get("next"));
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const name = String(form.get("name") ?? "").trim();
    // Said before the round trip; the server enforces the same policy (lib/auth/server.ts).
    const weak = mode === "sign-up" ? passwordProblem(password, { email }) : null;
    if (weak) {
      setError({ code: "bad_request:auth", message: weak });
      return;
    }
    setPending(true);
    setError(null);
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ email, password, name: name || email.split("@")[0]! })
        : await authClient.signIn.email({ email, password });
    setPending(false);
    if (result.error) {
      const status = result.error.status;
      const code = status === 429 ? "rate_limit:auth" : status === 401 ? "unauthorized:auth" : "bad_request:auth";
      setError({ code, message: result.error.message ?? "That did not work. Please check and try again." });
      return;
    }
    router.replace(next);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" aria-label={mode === "sign-up" ? "Sign up" : "Sign in"}>
      {mode === "sign-up" && (
        <div className="flex flex-col gap-2">
          <Label htmlFor="name">Name</Label>
          <Input id="name" name="name" autoComplete="name" maxLength={ACCOUNT_LIMITS.name} required />
        </div>
      )}
      <div className="flex flex-col gap-2">
        <Label htmlFor="email">Email</Label>
        <Input id="email" name="email" type="email" autoComplete="email" maxLength={ACCOUNT_LIMITS.email} required />
      </div>
      <div className="flex flex-col gap-2">
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          minLength={mode === "sign-up" ? ACCOUNT_LIMITS.password.min : undefined}
          maxLength={ACCOUNT_LIMITS.password.max}
          aria-describedby={mode === "sign-up" ? "password-rules" : undefined}
          required
        />
        {mode === "sign-up" ? (
          <p id="password-rules" className="text-xs text-muted-foreground">
            {PASSWORD_RULES}
          </p>
        ) : (
          <Link className="self-end text-xs underline" href="/forgot-password">
            Forgot your password?
          </Link>
        )}
      </div>
      <ErrorBanner error={error} />
      <Button type="submit" disabled={pending}>
        {pending ? "Please wait…" : mode === "sign-up" ? "Create account" : "Sign in"}
      </Button>
      <p className="text-sm text-muted-foreground">
        {mode === "sign-up" ? (
          <>
            Already have an account? <Link className="underline" href={`/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
          </>
        ) : (
          <>
            New to Quire? <Link className="underline" href={`/sign-up?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </>
        )}
      </p>
    </form>
  );
}
