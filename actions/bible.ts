"use server";
import { revalidatePath } from "next/cache";
import { addBibleEntry, addBibleEntrySchema, editBibleEntry, editBibleEntrySchema, removeBibleEntry, removeBibleEntrySchema } from "@/lib/books/bible";
import { signedInAction } from "./safe-action";

export const addBibleEntryAction = signedInAction("bible")
  .input(addBibleEntrySchema)
  .handler(async ({ input, ctx }) => {
    await addBibleEntry(ctx.db, ctx.user, input);
    revalidatePath(`/books/${input.bookId}`);
  });

export const editBibleEntryAction = signedInAction("bible")
  .input(editBibleEntrySchema)
  .handler(async ({ input, ctx }) => {
    await editBibleEntry(ctx.db, ctx.user, input);
    revalidatePath(`/books/${input.bookId}`);
  });

export const removeBibleEntryAction = signedInAction("bible")
  .input(removeBibleEntrySchema)
  .handler(async ({ input, ctx }) => {
    await removeBibleEntry(ctx.db, ctx.user, input);
    revalidatePath(`/books/${input.bookId}`);
  });
