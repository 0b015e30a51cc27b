import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { booksTable, chaptersTable } from "./books";
import { timestamps } from "./columns";

/**
 * Passages of written chapters with their embeddings, for recall (lib/books/passages.ts): a chapter
 * is cut into passages of ~150-250 words, each embedded once per chapter version. Vectors of different
 * models are never compared, so each row names its model; a chapter edited since (`chapter_version`
 * behind the chapter's) is embedded again.
 */
export const passagesTable = sqliteTable(
  "passages",
  {
    id: text("id").primaryKey(),
    bookId: text("book_id")
      .notNull()
      .references(() => booksTable.id, { onDelete: "cascade" }),
    chapterId: text("chapter_id")
      .notNull()
      .references(() => chaptersTable.id, { onDelete: "cascade" }),
    /** The chapter's version the passage was cut from. */
    chapterVersion: integer("chapter_version").notNull(),
    /** Order within the chapter, from 0. */
    seq: integer("seq").notNull(),
    text: text("text").notNull(),
    wordCount: integer("word_count").notNull(),
    /** The embedding model (`EmbedResult.model`). */
    model: text("model").notNull(),
    dimensions: integer("dimensions").notNull(),
    /** The unit vector quantised to int8 (x * 127), base64: a quarter of float32's size, same ranking. */
    vector: text("vector").notNull(),
    ...timestamps,
  },
  (t) => [index("passages_book_model_idx").on(t.bookId, t.model), index("passages_chapter_idx").on(t.chapterId)],
);
