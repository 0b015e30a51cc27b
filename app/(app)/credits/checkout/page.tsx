import Link from "next/link";
import { requireUser } from "@/lib/auth/guards";
import { CREDIT_PACKS } from "@/lib/credits/packs";
import { confirmPurchaseSchema } from "@/lib/credits/schemas";
import { ConfirmPurchase } from "@/components/credits/confirm-purchase";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";

export const metadata = { title: "Checkout" };

/**
 * The placeholder checkout: where a payment provider's hosted page would be. It says plainly that no
 * money is taken; the confirmation is verified on the server (lib/credits/payments.ts).
 */
export default async function CheckoutPage({ searchParams }: { searchParams: Promise<{ id?: string | string[] }> }) {
  await requireUser("/credits");
  const raw = (await searchParams).id;
  const parsed = confirmPurchaseSchema.safeParse({ checkoutId: Array.isArray(raw) ? raw[0] : raw });
  return (
    <div className="mx-auto grid max-w-lg gap-4">
      <h1 className="font-serif text-3xl font-semibold">Checkout</h1>
      <Card className="grid gap-3">
        <CardTitle>Demo checkout</CardTitle>
        <CardDescription>
          No payment provider is connected to this Quire, so no money is taken: confirming adds the pack’s credits to your
          account. Packs: {Object.values(CREDIT_PACKS).map((p) => `${p.label} ${p.credits.toLocaleString("en")}`).join(", ")}.
        </CardDescription>
        {parsed.success ? <ConfirmPurchase checkoutId={parsed.data.checkoutId} /> : <p role="alert">This checkout link is not valid.</p>}
      </Card>
      <Link href="/credits" className="text-sm underline">
        Back to credits
      </Link>
    </div>
  );
}
