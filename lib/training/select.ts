import { and, eq, gte, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { booksTable, chaptersTable, suggestionEventsTable, userTable } from "@/db/schema";
import type { Book } from "@/db/queries/books";
import type { Person } from "./privacy";
import { SUGGESTION_ACTION, type SuggestionEventLike } from "./rework";

/**
 * The rows a training export reads. Every query joins the author and keeps only those who opted in
 * (user.training_opt_in); the author's name and email are read only so the text can be scrubbed of
 * them, and are never written.
 */
export type AuthoredBook = { book: Book; author: Person };

export async function selectOptedInBooks(db: Db): Promise<AuthoredBook[]> {
  const rows = await db
    .select({ book: booksTable, name: userTable.name, email: userTable.email })
    .from(booksTable)
    .innerJoin(userTable, eq(userTable.id, booksTable.ownerId))
    .where(eq(userTable.trainingOptIn, true))
    .orderBy(booksTable.createdAt, booksTable.id);
  return rows.map((r) => ({ book: r.book, author: { name: r.name, email: r.email } }));
}

export type SuggestionEventRow = typeof suggestionEventsTable.$inferSelect;
export type AcceptedSuggestion = { event: SuggestionEventRow; author: Person };

/** Accepted suggestions of opted-in writers, oldest first. */
export async function selectAcceptedSuggestions(db: Db): Promise<AcceptedSuggestion[]> {
  const rows = await db
    .select({ event: suggestionEventsTable, name: userTable.name, email: userTable.email })
    .from(suggestionEventsTable)
    .innerJoin(userTable, eq(userTable.id, suggestionEventsTable.userId))
    .where(and(eq(userTable.trainingOptIn, true), eq(suggestionEventsTable.action, SUGGESTION_ACTION.accept)))
    .orderBy(suggestionEventsTable.createdAt, suggestionEventsTable.id);
  return rows.map((r) => ({ event: r.event, author: { name: r.name, email: r.email } }));
}

/** Later events that can rework accepted text: edits and accepts by the same writers since `since`. */
export async function selectPossibleReworks(db: Db, userIds: string[], since: Date): Promise<SuggestionEventLike[]> {
  if (userIds.length === 0) return [];
  const out: SuggestionEventLike[] = [];
  // D1 caps bound parameters per statement; ask in slices.
  for (let i = 0; i < userIds.length; i += 50) {
    out.push(
      ...(await db
        .select()
        .from(suggestionEventsTable)
        .where(
          and(
            inArray(suggestionEventsTable.userId, userIds.slice(i, i + 50)),
            gte(suggestionEventsTable.createdAt, since),
            or(eq(suggestionEventsTable.action, SUGGESTION_ACTION.edit), eq(suggestionEventsTable.action, SUGGESTION_ACTION.accept)),
          ),
        )),
    );
  }
  return out;
}

/** Current text of chapters, by id (to check that accepted text is still in the manuscript). */
export async function selectChapterTexts(db: Db, chapterIds: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (let i = 0; i < chapterIds.length; i += 50) {
    const rows = await db
      .select({ id: chaptersTable.id, content: chaptersTable.content })
      .from(chaptersTable)
      .where(inArray(chaptersTable.id, chapterIds.slice(i, i + 50)));
    for (const r of rows) texts.set(r.id, r.content);
  }
  return texts;
}
