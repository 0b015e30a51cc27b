"use server";
import { revalidatePath } from "next/cache";
import { getLlm } from "@/lib/ai/service";
import {
  acceptBibleProposal,
  acceptBibleProposalSchema,
  dismissBibleProposal,
  dismissBibleProposalSchema,
  proposeFromChapter,
  proposeFromChapterSchema,
} from "@/lib/books/bible-proposals";
import { signedInAction } from "./safe-action";

/** The author's answer to what a chapter proposed for the story bible: nothing changes the bible without it. */
export const acceptBibleProposalAction = signedInAction("bible")
  .input(acceptBibleProposalSchema)
  .handler(async ({ input, ctx }) => {
    await acceptBibleProposal(ctx.db, ctx.user, input);
    revalidatePath(`/books/${input.bookId}`);
  });

export const dismissBibleProposalAction = signedInAction("bible")
  .input(dismissBibleProposalSchema)
  .handler(async ({ input, ctx }) => {
    await dismissBibleProposal(ctx.db, ctx.user, input);
    revalidatePath(`/books/${input.bookId}`);
  });

/** A chapter written or changed by hand asks for its bible updates (one model call, charged). */
export const proposeFromChapterAction = signedInAction("bible", { rateLimit: "chapter" })
  .input(proposeFromChapterSchema)
  .handler(async ({ input, ctx }) => {
    const result = await proposeFromChapter(ctx.db, getLlm(), ctx.user, input);
    revalidatePath(`/books/${input.bookId}`);
    return result;
  });
