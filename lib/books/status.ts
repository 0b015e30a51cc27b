import type { BookStatus } from "@/db/schema";

// Components take the type from here (components never import db).
export type { BookStatus };

/**
 * A book's status follows its chapters: outlined → writing (any chapter has text or is being
 * written) → drafted (every chapter written). The database applies the same rule in
 * bookStatusStatement (db/queries/books.ts); the page uses this one to follow a running job live.
 */
export function bookStatusFor(current: BookStatus, chapters: { status: string; content: string }[]): BookStatus {
  if (chapters.length === 0) return current;
  if (chapters.every((c) => c.status === "written")) return "drafted";
  if (chapters.some((c) => c.status === "written" || c.status === "writing" || c.content !== "")) return "writing";
  return "outlined";
}
