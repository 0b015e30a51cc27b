import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { userTable } from "./auth";
import { timestamps } from "./columns";

export const BOOK_STATUS = {
  draft: "draft",
  outlined: "outlined",
  writing: "writing",
  drafted: "drafted",
} as const;
export type BookStatus = (typeof BOOK_STATUS)[keyof typeof BOOK_STATUS];

export const booksTable = sqliteTable(
  "books",
  {
    id: text("id").primaryKey(),
    ownerId: text("owner_id")
      .notNull()
      .references(() => userTable.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    premise: text("premise").notNull(),
    genre: text("genre").notNull(),
    audience: text("audience").notNull(),
    tone: text("tone").notNull(),
    chapterCount: integer("chapter_count").notNull(),
    wordsPerChapter: integer("words_per_chapter").notNull(),
    status: text("status").$type<BookStatus>().notNull().default("draft"),
    /** The validated outline as JSON (lib/books owns its schema). */
    outline: text("outline", { mode: "json" }).$type<unknown>(),
    /** R2 key of the cover image. */
    coverKey: text("cover_key"),
    ...timestamps,
  },
  (t) => [index("books_owner_created_idx").on(t.ownerId, t.createdAt)],
);

export const BIBLE_KIND = {
  character: "character",
  place: "place",
  fact: "fact",
  styleRule: "style_rule",
} as const;
export type BibleKind = (typeof BIBLE_KIND)[keyof typeof BIBLE_KIND];

export const bibleEntriesTable = sqliteTable(
  "bible_entries",
  {
    id: text("id").primaryKey(),
    bookId: text("book_id")
      .notNull()
      .references(() => booksTable.id, { onDelete: "cascade" }),
    kind: text("kind").$type<BibleKind>().notNull(),
    name: text("name").notNull(),
    aliases: text("aliases", { mode: "json" }).$type<string[]>().notNull().default([]),
    body: text("body").notNull().default(""),
    ...timestamps,
  },
  (t) => [index("bible_book_idx").on(t.bookId)],
);

export const CHAPTER_STATUS = {
  planned: "planned",
  writing: "writing",
  written: "written",
  failed: "failed",
} as const;
export type ChapterStatus = (typeof CHAPTER_STATUS)[keyof typeof CHAPTER_STATUS];

export const chaptersTable = sqliteTable(
  "chapters",
  {
    id: text("id").primaryKey(),
    bookId: text("book_id")
      .notNull()
      .references(() => booksTable.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    synopsis: text("synopsis").notNull().default(""),
    beats: text("beats", { mode: "json" }).$type<string[]>().notNull().default([]),
    content: text("content").notNull().default(""),
    /** Rolling memory: a short summary fed to the prompts of later chapters. */
    summary: text("summary").notNull().default(""),
    wordCount: integer("word_count").notNull().default(0),
    status: text("status").$type<ChapterStatus>().notNull().default("planned"),
    /** Bumped on every save; a save that names an older version is a concurrent change. */
    version: integer("version").notNull().default(1),
    qualityChecks: text("quality_checks", { mode: "json" }).$type<unknown>(),
    ...timestamps,
  },
  (t) => [index("chapters_book_position_idx").on(t.bookId, t.position)],
);

export const chapterVersionsTable = sqliteTable(
  "chapter_versions",
  {
    id: text("id").primaryKey(),
    chapterId: text("chapter_id")
      .notNull()
      .references(() => chaptersTable.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    content: text("content").notNull(),
    wordCount: integer("word_count").notNull(),
    /** Why this version was set aside: regenerate, restore, manual. */
    reason: text("reason").notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex("chapter_versions_chapter_version_idx").on(t.chapterId, t.version)],
);
