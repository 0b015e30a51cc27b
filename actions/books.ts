"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { createBook, removeBook, renameBook } from "@/lib/books/library";
import { deleteBookSchema, newBookSchema, renameBookSchema } from "@/lib/books/schemas";
import { signedInAction } from "./safe-action";

export const createBookAction = signedInAction("book")
  .input(newBookSchema)
  .handler(async ({ input, ctx }) => {
    const book = await createBook(ctx.db, ctx.user, input);
    revalidatePath("/library");
    return { bookId: book.id };
  });

export const renameBookAction = signedInAction("book")
  .input(renameBookSchema)
  .handler(async ({ input, ctx }) => {
    const book = await renameBook(ctx.db, ctx.user, input.bookId, input.title);
    revalidatePath(`/books/${book.id}`);
    return { bookId: book.id, title: book.title };
  });

export const deleteBookAction = signedInAction("book")
  .input(deleteBookSchema)
  .handler(async ({ input, ctx }) => {
    await removeBook(ctx.db, ctx.user, input.bookId);
    revalidatePath("/library");
    redirect("/library");
  });
