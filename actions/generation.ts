"use server";
import { z } from "zod";
import { revalidatePath } from "next/cache";
import { getLlm, contextWindowFor } from "@/lib/ai/service";
import { generateOutline, saveOutline } from "@/lib/books/outline";
import { outlineEditSchema, chapterIdSchema } from "@/lib/books/outline-edit-schema";
import { bookIdSchema } from "@/lib/books/schemas";
import { dispatchJob } from "@/lib/jobs/dispatch";
import { jobIdSchema, newJobIdSchema } from "@/lib/jobs/job-id";
import { cancelJob, estimateBook, startChapterJob, startWriteAll } from "@/lib/jobs/start";
import { signedInAction } from "./safe-action";

export const generateOutlineAction = signedInAction("outline", { rateLimit: "outline" })
  .input(z.object({ bookId: bookIdSchema }))
  .handler(async ({ input, ctx }) => {
    const outline = await generateOutline(ctx.db, getLlm(), ctx.user, input.bookId);
    revalidatePath(`/books/${input.bookId}`);
    return { chapters: outline.chapters.length };
  });

export const saveOutlineAction = signedInAction("outline")
  .input(outlineEditSchema)
  .handler(async ({ input, ctx }) => {
    await saveOutline(ctx.db, ctx.user, input.bookId, input);
    revalidatePath(`/books/${input.bookId}`);
    return { saved: true };
  });

export const estimateBookAction = signedInAction("book")
  .input(z.object({ bookId: bookIdSchema }))
  .handler(async ({ input, ctx }) => {
    const llm = getLlm();
    return estimateBook(ctx.db, ctx.user, input.bookId, contextWindowFor(llm, "chapter"));
  });

export const writeChapterAction = signedInAction("chapter", { rateLimit: "chapter" })
  .input(z.object({ bookId: bookIdSchema, chapterId: chapterIdSchema, mode: z.enum(["write", "regenerate", "continue"]), jobId: newJobIdSchema.optional() }))
  .handler(async ({ input, ctx }) => {
    const job = await startChapterJob(ctx.db, ctx.user, input, contextWindowFor(getLlm(), "chapter"));
    await dispatchJob(job.id);
    return { jobId: job.id };
  });

export const writeAllAction = signedInAction("chapter", { rateLimit: "chapter" })
  .input(z.object({ bookId: bookIdSchema, jobId: newJobIdSchema.optional() }))
  .handler(async ({ input, ctx }) => {
    const job = await startWriteAll(ctx.db, ctx.user, input.bookId, contextWindowFor(getLlm(), "chapter"), input.jobId);
    await dispatchJob(job.id);
    return { jobId: job.id };
  });

export const cancelJobAction = signedInAction("job")
  .input(z.object({ jobId: jobIdSchema }))
  .handler(async ({ input, ctx }) => {
    const job = await cancelJob(ctx.db, ctx.user, input.jobId);
    return { jobId: job.id, status: job.status };
  });
