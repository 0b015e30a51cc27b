import type { Db } from "@/db/client";
import {
  deleteOwnedBook,
  insertBook,
  selectBooksOfOwner,
  selectOwnedBook,
  updateOwnedBookDetails,
  updateOwnedBookTitle,
  type Book,
} from "@/db/queries/books";
import { selectLatestJobForBook } from "@/db/queries/jobs";
import { AppError } from "@/lib/errors";
import type { BookDetailsInput, NewBook } from "./schemas";

/**
 * The library's use cases. The caller is passed in explicitly; another user's book is reported as
 * not found, so its existence does not leak.
 */
export type Caller = { id: string; role: "user" | "admin" };

export function listLibrary(db: Db, caller: Caller): Promise<Book[]> {
  return selectBooksOfOwner(db, caller.id);
}

export function createBook(db: Db, caller: Caller, input: NewBook): Promise<Book> {
  return insertBook(db, caller.id, input);
}

export async function openBook(db: Db, caller: Caller, bookId: string): Promise<Book> {
  const book = await selectOwnedBook(db, caller.id, bookId);
  if (!book) throw new AppError("not_found:book");
  return book;
}

export async function renameBook(db: Db, caller: Caller, bookId: string, title: string): Promise<Book> {
  const book = await updateOwnedBookTitle(db, caller.id, bookId, title);
  if (!book) throw new AppError("not_found:book");
  return book;
}

/**
 * Changes the premise, genre, audience, tone and sizes. Not while chapters are being written: the
 * writer reads them for every chapter. Chapters already outlined or written stay as they are; the
 * chapter count is what the next outline aims for.
 */
export async function updateBookDetails(db: Db, caller: Caller, input: BookDetailsInput): Promise<Book> {
  const { bookId, ...details } = input;
  await openBook(db, caller, bookId);
  const job = await selectLatestJobForBook(db, bookId);
  if (job && (job.status === "queued" || job.status === "running")) throw new AppError("conflict:job", { details: { jobId: job.id } });
  const book = await updateOwnedBookDetails(db, caller.id, bookId, details);
  if (!book) throw new AppError("not_found:book");
  return book;
}

export async function removeBook(db: Db, caller: Caller, bookId: string): Promise<void> {
  const deleted = await deleteOwnedBook(db, caller.id, bookId);
  if (!deleted) throw new AppError("not_found:book");
}
