"use server";
import { revalidatePath } from "next/cache";
import { restoreVersion, restoreVersionSchema, saveChapterByHand, saveChapterSchema } from "@/lib/books/chapters";
import { signedInAction } from "./safe-action";

export const saveChapterAction = signedInAction("chapter")
  .input(saveChapterSchema)
  .handler(async ({ input, ctx }) => {
    const saved = await saveChapterByHand(ctx.db, ctx.user, input);
    return { version: saved.version, wordCount: saved.wordCount };
  });

export const restoreVersionAction = signedInAction("chapter")
  .input(restoreVersionSchema)
  .handler(async ({ input, ctx }) => {
    await restoreVersion(ctx.db, ctx.user, input);
    revalidatePath(`/books/${input.bookId}/chapters/${input.chapterId}`);
  });
