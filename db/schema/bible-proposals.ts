import { sqliteTable, text, index } from "drizzle-orm/sqlite-core";
import { bibleEntriesTable, booksTable, chaptersTable, type BibleKind } from "./books";
import { timestamps } from "./columns";

/**
 * What a written chapter proposes for the story bible: a new entry, a new fact on an existing entry,
 * or a contradiction with one. Nothing here changes the bible until the author accepts it.
 */
export const BIBLE_PROPOSAL_KIND = {
  newEntry: "new_entry",
  fact: "fact",
  contradiction: "contradiction",
} as const;
export type BibleProposalKind = (typeof BIBLE_PROPOSAL_KIND)[keyof typeof BIBLE_PROPOSAL_KIND];

export const BIBLE_PROPOSAL_STATUS = {
  open: "open",
  accepted: "accepted",
  dismissed: "dismissed",
} as const;
export type BibleProposalStatus = (typeof BIBLE_PROPOSAL_STATUS)[keyof typeof BIBLE_PROPOSAL_STATUS];

export const bibleProposalsTable = sqliteTable(
  "bible_proposals",
  {
    id: text("id").primaryKey(),
    bookId: text("book_id")
      .notNull()
      .references(() => booksTable.id, { onDelete: "cascade" }),
    /** The chapter whose text proposed it. */
    chapterId: text("chapter_id")
      .notNull()
      .references(() => chaptersTable.id, { onDelete: "cascade" }),
    kind: text("kind").$type<BibleProposalKind>().notNull(),
    /** The existing entry a fact or contradiction is about (null for a new entry). */
    entryId: text("entry_id").references(() => bibleEntriesTable.id, { onDelete: "cascade" }),
    /** For a new entry: what kind of entry it would be. */
    entryKind: text("entry_kind").$type<BibleKind>(),
    /** The new entry's name, or the existing entry's name when proposed. */
    name: text("name").notNull(),
    /** A new entry's description, the new fact, or what the chapter says against the bible. */
    body: text("body").notNull(),
    /** The sentence of the chapter that establishes it, word for word. */
    evidence: text("evidence").notNull(),
    /** For a contradiction: what the bible said that the chapter contradicts. */
    bibleSays: text("bible_says").notNull().default(""),
    status: text("status").$type<BibleProposalStatus>().notNull().default("open"),
    ...timestamps,
  },
  (t) => [index("bible_proposals_book_status_idx").on(t.bookId, t.status), index("bible_proposals_chapter_idx").on(t.chapterId)],
);
