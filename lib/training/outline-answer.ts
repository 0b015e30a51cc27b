import { outlineMetaOf, outlineSchemaFor, type Outline } from "@/lib/books/outline-schema";
import type { Book } from "@/db/queries/books";
import type { Chapter } from "@/db/queries/chapters";
import type { BibleEntry } from "@/db/queries/bible";

/**
 * The outline as the author kept it, in the shape the model is asked for. Quire splits a generated
 * outline on save (logline and setting on the book, chapters in their table, characters in the
 * bible as "role. description"), so the answer is put back together from those, with the author's
 * edits. Null when the book has no valid outline (never outlined, or edited into something the
 * schema refuses): such a book teaches nothing about outlines.
 */
export function keptOutline(book: Book, chapters: Chapter[], bible: BibleEntry[]): Outline | null {
  const meta = outlineMetaOf(book.outline);
  if (!meta || chapters.length === 0) return null;
  const candidate = {
    title: meta.generatedTitle,
    logline: meta.logline,
    setting: meta.setting,
    characters: bible.filter((e) => e.kind === "character").map((e) => ({ name: e.name, ...roleAndDescription(e.body), aliases: e.aliases })),
    chapters: [...chapters].sort((a, b) => a.position - b.position).map((c) => ({ title: c.title, synopsis: c.synopsis, beats: c.beats })),
  };
  const parsed = outlineSchemaFor(chapters.length).safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

/** Undoes `${role}. ${description}` (lib/books/outline.ts); an entry the author wrote by hand is all description. */
export function roleAndDescription(body: string): { role: string; description: string } {
  const cut = body.indexOf(". ");
  if (cut > 0 && cut <= 200) return { role: body.slice(0, cut).trim(), description: body.slice(cut + 2).trim() || body.trim() };
  return { role: "character", description: body.trim() || "A character in the story." };
}
