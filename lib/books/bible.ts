import { z } from "zod";
import type { Db } from "@/db/client";
import { deleteBibleEntry, insertBibleEntryStatement, selectBible, updateBibleEntry, type BibleEntry } from "@/db/queries/bible";
import { AppError } from "@/lib/errors";
import { openBook, type Caller } from "./library";
import { bookIdSchema } from "./schemas";

export const bibleEntryIdSchema = z.string().regex(/^bib_[a-z0-9]{8,40}$/, "not a bible entry id");

export const bibleEntrySchema = z.object({
  kind: z.enum(["character", "place", "fact", "style_rule"]),
  name: z.string().trim().min(1, "A name is required").max(80),
  aliases: z.array(z.string().trim().min(1).max(80)).max(10).default([]),
  body: z.string().trim().max(2_000).default(""),
});

export const addBibleEntrySchema = bibleEntrySchema.extend({ bookId: bookIdSchema });
export const editBibleEntrySchema = bibleEntrySchema.extend({ bookId: bookIdSchema, entryId: bibleEntryIdSchema });
export const removeBibleEntrySchema = z.object({ bookId: bookIdSchema, entryId: bibleEntryIdSchema });

export async function listBible(db: Db, caller: Caller, bookId: string): Promise<BibleEntry[]> {
  await openBook(db, caller, bookId);
  return selectBible(db, bookId);
}

export async function addBibleEntry(db: Db, caller: Caller, input: z.infer<typeof addBibleEntrySchema>): Promise<void> {
  await openBook(db, caller, input.bookId);
  const { bookId, ...entry } = input;
  await insertBibleEntryStatement(db, bookId, entry);
}

export async function editBibleEntry(db: Db, caller: Caller, input: z.infer<typeof editBibleEntrySchema>): Promise<void> {
  await openBook(db, caller, input.bookId);
  const { bookId, entryId, ...entry } = input;
  if (!(await updateBibleEntry(db, bookId, entryId, entry))) throw new AppError("not_found:bible");
}

export async function removeBibleEntry(db: Db, caller: Caller, input: z.infer<typeof removeBibleEntrySchema>): Promise<void> {
  await openBook(db, caller, input.bookId);
  if (!(await deleteBibleEntry(db, input.bookId, input.entryId))) throw new AppError("not_found:bible");
}
