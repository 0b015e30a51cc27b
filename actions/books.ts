"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { createBook, removeBook, renameBook, updateBookDetails } from "@/lib/books/library";
import { bookDetailsSchema, deleteBookSchema, newBookEstimateSchema, newBookSchema, renameBookSchema } from "@/lib/books/schemas";
import { estimateNewBook } from "@/lib/books/estimate";
import { contextWindowFor, getLlm } from "@/lib/ai/service";
import { signedInAction } from "./safe-action";

export const createBookAction = signedInAction("book")
  .input(newBookSchema)
  .handler(async ({ input, ctx }) => {
    const book = await createBook(ctx.db, ctx.user, input);
    revalidatePath("/library");
    return { bookId: book.id };
  });

/** What writing a planned book would cost, for the new-book form (the same estimate as Write all). */
export const estimateNewBookAction = signedInAction("book")
  .input(newBookEstimateSchema)
  .handler(async ({ input }) => {
    const estimate = estimateNewBook({ title: "", ...input }, contextWindowFor(getLlm(), "chapter"));
    return { credits: estimate.credits, tokens: estimate.promptTokens + estimate.outputTokens, chapters: estimate.chapters };
  });

export const renameBookAction = signedInAction("book")
  .input(renameBookSchema)
  .handler(async ({ input, ctx }) => {
    const book = await renameBook(ctx.db, ctx.user, input.bookId, input.title);
    revalidatePath(`/books/${book.id}`);
    return { bookId: book.id, title: book.title };
  });

export const updateBookDetailsAction = signedInAction("book")
  .input(bookDetailsSchema)
  .handler(async ({ input, ctx }) => {
    const book = await updateBookDetails(ctx.db, ctx.user, input);
    revalidatePath(`/books/${book.id}`);
    return { bookId: book.id };
  });

export const deleteBookAction = signedInAction("book")
  .input(deleteBookSchema)
  .handler(async ({ input, ctx }) => {
    await removeBook(ctx.db, ctx.user, input.bookId);
    revalidatePath("/library");
    redirect("/library");
  });
