"use client";
import { useRouter } from "next/navigation";
import { useServerAction } from "zsa-react";
import { startPurchaseAction } from "@/actions/credits";
import { CREDIT_PACKS, CREDIT_PACK_IDS } from "@/lib/credits/packs";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/error-banner";
import { RateLimitNotice } from "./rate-limit-notice";

type ActionError = { code: string; message: string; details?: Record<string, unknown> } | null;

export function BuyCredits() {
  const router = useRouter();
  const { execute, isPending, error } = useServerAction(startPurchaseAction);
  const err = error as ActionError;
  return (
    <div className="grid gap-3">
      <ul className="grid gap-3 sm:grid-cols-3" aria-label="Credit packs">
        {CREDIT_PACK_IDS.map((id) => {
          const pack = CREDIT_PACKS[id];
          return (
            <li key={id} className="grid gap-2 rounded-lg border border-border p-4">
              <span className="font-semibold">{pack.label}</span>
              <span className="text-sm text-muted-foreground">
                {pack.credits.toLocaleString("en")} credits · ${(pack.priceCents / 100).toFixed(2)}
              </span>
              <Button
                variant="outline"
                disabled={isPending}
                aria-label={`Buy ${pack.label} pack`}
                onClick={async () => {
                  const [checkout] = await execute({ packId: id });
                  if (checkout) router.push(`/credits/checkout?id=${encodeURIComponent(checkout.checkoutId)}`);
                }}
              >
                Buy
              </Button>
            </li>
          );
        })}
      </ul>
      <RateLimitNotice error={err} />
      {!err?.code.startsWith("rate_limit:") && <ErrorBanner error={err} />}
    </div>
  );
}
