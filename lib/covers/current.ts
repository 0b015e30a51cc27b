import "server-only";
import type { Book } from "@/db/queries/books";
import type { CoverAsset } from "@/lib/export/manuscript";
import { readCover, type CoverOrigin } from "./store";
import { typographicCover } from "./typographic";

/**
 * The cover a book shows: the stored one, or (before the author made one, or if its object is gone)
 * the typographic design Quire composes for it, so the library, the book page and every export
 * always have a cover.
 */
export type CurrentCover = CoverAsset & { etag: string; origin: CoverOrigin | "composed" | "unknown" };

const encoder = new TextEncoder();

export async function currentCover(bucket: R2Bucket | undefined, book: Pick<Book, "id" | "title" | "genre" | "coverKey" | "updatedAt">, author: string): Promise<CurrentCover> {
  if (book.coverKey && bucket) {
    const stored = await readCover(bucket, book.coverKey);
    if (stored) return stored;
    console.error(`[quire] cover object ${book.coverKey} of ${book.id} is missing; composing one`);
  }
  const svg = typographicCover({ bookId: book.id, title: book.title, author, genre: book.genre });
  // The composition depends on the title, genre and author only; the book's update time covers them.
  return { bytes: encoder.encode(svg), mediaType: "image/svg+xml", etag: `"composed-${book.updatedAt.getTime().toString(36)}-${svg.length.toString(36)}"`, origin: "composed" };
}
