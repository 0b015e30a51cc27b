"use server";
import { revalidatePath } from "next/cache";
import { appEnv } from "@/lib/env";
import { paymentProviderFromEnv } from "@/lib/credits/payments";
import { confirmPurchase, startPurchase } from "@/lib/credits/purchases";
import { confirmPurchaseSchema, startPurchaseSchema } from "@/lib/credits/schemas";
import { signedInAction } from "./safe-action";

function paymentProvider() {
  return paymentProviderFromEnv({ PAYMENT_PROVIDER: process.env.PAYMENT_PROVIDER, BETTER_AUTH_SECRET: appEnv().BETTER_AUTH_SECRET });
}

export const startPurchaseAction = signedInAction("credits", { rateLimit: "purchase" })
  .input(startPurchaseSchema)
  .handler(async ({ input, ctx }) => startPurchase(paymentProvider(), ctx.user.id, input.packId));

export const confirmPurchaseAction = signedInAction("credits", { rateLimit: "purchase" })
  .input(confirmPurchaseSchema)
  .handler(async ({ input, ctx }) => {
    const result = await confirmPurchase(ctx.db, paymentProvider(), { userId: ctx.user.id, checkoutId: input.checkoutId });
    revalidatePath("/credits");
    return result;
  });
