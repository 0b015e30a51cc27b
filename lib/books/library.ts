import type { Db } from "@/db/client";
import {
  deleteOwnedBook,
  insertBook,
  selectBooksOfOwner,
  selectOwnedBook,
  updateOwnedBookTitle,
  type Book,
} from "@/db/queries/books";
import { AppError } from "@/lib/errors";
import type { NewBook } from "./schemas";

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

export async function removeBook(db: Db, caller: Caller, bookId: string): Promise<void> {
  const deleted = await deleteOwnedBook(db, caller.id, bookId);
  if (!deleted) throw new AppError("not_found:book");
}
