import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { newId, suggestionEventsTable } from "../schema";

export type SuggestionEvent = typeof suggestionEventsTable.$inferSelect;

/**
 * `action` is one of:
 * - offered: the server showed a suggestion (its id is the suggestion id the editor holds);
 * - accept / reject: the writer took it or turned it down (a chapter-check finding dismissed is a reject);
 * - edit: the writer later changed text that came from an accepted suggestion
 *   (`original` = what was accepted, `suggestion` = what the writer made of it).
 */
export const SUGGESTION_ACTIONS = ["offered", "accept", "reject", "edit"] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

export async function insertSuggestionEvent(
  db: Db,
  event: Omit<SuggestionEvent, "id" | "createdAt" | "action"> & { id?: string; action: SuggestionAction },
): Promise<string> {
  const id = event.id ?? newId("se");
  await db.insert(suggestionEventsTable).values({ ...event, id, createdAt: new Date() });
  return id;
}

/** The suggestion a writer was offered, only if it was offered to them. */
export async function selectOfferedSuggestion(db: Db, userId: string, suggestionId: string): Promise<SuggestionEvent | undefined> {
  const [row] = await db
    .select()
    .from(suggestionEventsTable)
    .where(and(eq(suggestionEventsTable.id, suggestionId), eq(suggestionEventsTable.userId, userId), eq(suggestionEventsTable.action, "offered")))
    .limit(1);
  return row;
}

export function selectSuggestionEventsOfChapter(db: Db, chapterId: string): Promise<SuggestionEvent[]> {
  return db.select().from(suggestionEventsTable).where(eq(suggestionEventsTable.chapterId, chapterId));
}
