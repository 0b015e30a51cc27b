"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { apiKeyIdSchema, apiKeyNameSchema, createApiKey, revokeApiKey } from "@/lib/gateway/api-keys";
import { signedInAction } from "./safe-action";

export const createApiKeyAction = signedInAction("api")
  .input(z.object({ name: apiKeyNameSchema }))
  .handler(async ({ input, ctx }) => {
    const { key, secret } = await createApiKey(ctx.db, ctx.user, input.name);
    revalidatePath("/api-keys");
    // The only time the secret leaves the server.
    return { id: key.id, name: key.name, prefix: key.prefix, secret };
  });

export const revokeApiKeyAction = signedInAction("api")
  .input(z.object({ keyId: apiKeyIdSchema }))
  .handler(async ({ input, ctx }) => {
    await revokeApiKey(ctx.db, ctx.user, input.keyId);
    revalidatePath("/api-keys");
  });
