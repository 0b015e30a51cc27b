"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getLlm } from "@/lib/ai/service";
import { bookIdSchema } from "@/lib/books/schemas";
import { generateCover } from "@/lib/covers/service";
import { signedInAction } from "./safe-action";

/**
 * Generates (or regenerates) the book's cover: painted when an image model is configured, typographic
 * otherwise. Counted against RATE_LIMIT_COVER_PER_MINUTE (the 6th in a minute waits, by default).
 */
export const generateCoverAction = signedInAction("cover", { rateLimit: "cover" })
  .input(z.object({ bookId: bookIdSchema }))
  .handler(async ({ input, ctx }) => {
    const result = await generateCover({ db: ctx.db, bucket: getCloudflareContext().env.BUCKET, llm: getLlm() }, ctx.user, input.bookId);
    revalidatePath(`/books/${input.bookId}`);
    revalidatePath("/library");
    return result;
  });
