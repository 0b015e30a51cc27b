"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { grantCreditsAction, revokeCreditsAction } from "@/actions/admin";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { ErrorBanner } from "@/components/ui/error-banner";
import { ShortfallNotice } from "@/components/credits/shortfall-notice";

type ActionError = { code: string; message: string; details?: Record<string, unknown>; fieldErrors?: Record<string, string[] | undefined> } | null;

/** Grant or revoke credits with a reason; a fresh request key per submission keeps a double click to one row. */
export function AdjustCreditsForm({ userId, email }: { userId: string; email: string }) {
  const router = useRouter();
  const [requestKey, setRequestKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<string | null>(null);
  const grant = useServerAction(grantCreditsAction);
  const revoke = useServerAction(revokeCreditsAction);
  const err = (grant.error ?? revoke.error) as ActionError;
  const pending = grant.isPending || revoke.isPending;

  async function submit(kind: "grant" | "revoke", form: HTMLFormElement) {
    const data = new FormData(form);
    const input = { userId, amount: Number(data.get("amount")), reason: String(data.get("reason") ?? ""), requestKey };
    const [result] = kind === "grant" ? await grant.execute(input) : await revoke.execute(input);
    if (result) {
      setDone(`${kind === "grant" ? "Granted" : "Revoked"} ${input.amount} credits. Balance now ${result.balance.toLocaleString("en")}.`);
      setRequestKey(crypto.randomUUID());
      form.reset();
      router.refresh();
    }
  }

  return (
    <form
      aria-label={`Adjust credits for ${email}`}
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        void submit(submitter?.value === "revoke" ? "revoke" : "grant", e.currentTarget);
      }}
    >
      <div className="grid gap-2 sm:grid-cols-[8rem_1fr]">
        <div className="grid gap-1">
          <Label htmlFor={`amount-${userId}`}>Credits</Label>
          <Input id={`amount-${userId}`} name="amount" type="number" min={1} max={1_000_000} required />
          <FieldError messages={err?.fieldErrors?.amount} />
        </div>
        <div className="grid gap-1">
          <Label htmlFor={`reason-${userId}`}>Reason</Label>
          <Input id={`reason-${userId}`} name="reason" maxLength={200} required placeholder="e.g. beta tester, refund for a failed export" />
          <FieldError messages={err?.fieldErrors?.reason} />
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit" name="kind" value="grant" disabled={pending}>
          Grant
        </Button>
        <Button type="submit" name="kind" value="revoke" variant="outline" disabled={pending}>
          Revoke
        </Button>
      </div>
      <ShortfallNotice error={err} />
      {err?.code !== "insufficient_credits:admin" && <ErrorBanner error={err} />}
      {done && (
        <p role="status" className="text-sm text-muted-foreground">
          {done}
        </p>
      )}
    </form>
  );
}
