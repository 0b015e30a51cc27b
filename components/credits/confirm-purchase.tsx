"use client";
import { announceCreditsChanged } from "@/lib/credits/changed-event";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { confirmPurchaseAction } from "@/actions/credits";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/error-banner";
import { RateLimitNotice } from "./rate-limit-notice";

type ActionError = { code: string; message: string; details?: Record<string, unknown> } | null;

export function ConfirmPurchase({ checkoutId }: { checkoutId: string }) {
  const router = useRouter();
  const { execute, isPending, error, data } = useServerAction(confirmPurchaseAction);
  const err = error as ActionError;
  return (
    <div className="grid gap-3">
      <Button
        disabled={isPending || Boolean(data)}
        onClick={async () => {
          const [result] = await execute({ checkoutId });
          if (result) {
            router.refresh();
            announceCreditsChanged();
          }
        }}
      >
        Confirm purchase
      </Button>
      {data && (
        <p role="status" className="text-sm">
          {data.created ? `Added ${data.credits.toLocaleString("en")} credits.` : "This purchase was already confirmed; nothing was charged twice."} Your balance is{" "}
          {data.balance.toLocaleString("en")}. <a href="/credits" className="underline">Back to credits</a>
        </p>
      )}
      <RateLimitNotice error={err} />
      {!err?.code.startsWith("rate_limit:") && <ErrorBanner error={err} />}
    </div>
  );
}
