// Test fixtures for the training export (imported by tests only): a seeded library on real D1 with
// an opted-in author and one who did not opt in, built through the app's own pipeline where it
// exists (sign-up, book creation, outline generation on the demo model, chapter completion).
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { chaptersTable, newId, suggestionEventsTable, userTable } from "@/db/schema";
import { insertBook } from "@/db/queries/books";
import { completeChapter, selectChapters } from "@/db/queries/chapters";
import { selectBible } from "@/db/queries/bible";
import { generateOutline } from "@/lib/books/outline";
import { checkChapter } from "@/lib/books/quality";
import { createLlmService, loadLlmConfig } from "@/lib/llm";
import { signUp } from "@/test/accounts";

/** Prose of `n` distinct words, so no four-word phrase repeats. */
export function distinctProse(n: number, stem: string): string {
  const letters = (i: number) => {
    let s = "";
    do {
      s = String.fromCharCode(97 + (i % 26)) + s;
      i = Math.floor(i / 26);
    } while (i > 0);
    return s;
  };
  return Array.from({ length: n }, (_, i) => `${stem}${letters(i)}`).join(" ") + ".";
}

export type SeededLibrary = Awaited<ReturnType<typeof seedLibrary>>;

export async function seedLibrary(db: Db) {
  const llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0", LLM_REFRESH_PRICES: "false" }));
  const ada = await signUp(db, "Ada");
  const bob = await signUp(db, "Bob");
  // A full name, so the scrubbing of the author's name is exercised.
  await db.update(userTable).set({ name: "Ada Lovelace", trainingOptIn: true }).where(eq(userTable.id, ada.id));
  await db.update(userTable).set({ name: "Bob Babbage" }).where(eq(userTable.id, bob.id));

  const adaBook = await insertBook(db, ada.id, {
    title: "The Lighthouse Letters",
    premise: "A keeper finds letters dated a century ahead.",
    genre: "Fantasy",
    audience: "Adult",
    tone: "Warm",
    chapterCount: 3,
    wordsPerChapter: 300,
  });
  await generateOutline(db, llm, ada, adaBook.id);
  const chapters = await selectChapters(db, adaBook.id);
  const known = (await selectBible(db, adaBook.id)).flatMap((e) => [e.name, ...e.aliases]);
  const write = (id: string, content: string) => completeChapter(db, id, { content, summary: "The keeper read the first letter and told no one.", qualityChecks: checkChapter(content, 300, known) });

  // Chapter 1: on target and clean, with the author's email and full name typed into it.
  const good = `${distinctProse(290, "tide")} Letters to ${ada.email} from Ada Lovelace. The ship sailed.`;
  await write(chapters[0]!.id, good);
  // Chapter 2: a loop the repetition check catches.
  const looping = "She looked at the sea again and again. ".repeat(40);
  await write(chapters[1]!.id, looping);
  // Chapter 3 stays planned (not written, so not kept).

  const bobBook = await insertBook(db, bob.id, {
    title: "Bob's Private Draft",
    premise: "A secret premise Bob never shared.",
    genre: "Mystery",
    audience: "Adult",
    tone: "Dark",
    chapterCount: 2,
    wordsPerChapter: 300,
  });
  await generateOutline(db, llm, bob, bobBook.id);
  const bobChapters = await selectChapters(db, bobBook.id);
  await completeChapter(db, bobChapters[0]!.id, { content: `${distinctProse(300, "bobword")}`, summary: "", qualityChecks: checkChapter(distinctProse(300, "bobword"), 300, []) });

  const at = (iso: string) => new Date(iso);
  // `instruction` holds the editor's label for the kind of suggestion (grammar, tone:warmer, custom:…).
  const event = (userId: string, chapterId: string, action: string, original: string, suggestion: string, when: string, instruction = "grammar") =>
    db.insert(suggestionEventsTable).values({ id: newId("se"), userId, bookId: adaBook.id, chapterId, model: "demo:quire-demo", arm: null, action, instruction, original, suggestion, createdAt: at(when) });
  const ch1 = chapters[0]!.id;
  // Kept: still in the chapter, never reworked.
  await event(ada.id, ch1, "accept", "teh ship sailed", "The ship sailed.", "2026-02-01T10:00:00Z");
  // Reworked: the writer edited the accepted text afterwards.
  await event(ada.id, ch1, "accept", "she were tired", "She was tired.", "2026-02-02T10:00:00Z");
  await event(ada.id, ch1, "edit", "She was tired.", "She was exhausted.", "2026-02-02T10:05:00Z");
  // Accepted, no rework event, but no longer in the manuscript (a hand edit): out at the quality bar.
  await event(ada.id, ch1, "accept", "the fog come in", "The fog came in.", "2026-02-03T10:00:00Z");
  // Continue writing: ghost text from the text before the cursor, which events do not keep.
  await event(ada.id, ch1, "accept", "The ship sailed.", "The gulls followed it out.", "2026-02-03T10:30:00Z", "continue");
  // Rejected: never an example.
  await event(ada.id, ch1, "reject", "a gull cried", "A gull screamed.", "2026-02-03T11:00:00Z");
  // Bob did not opt in.
  await event(bob.id, bobChapters[0]!.id, "accept", "bob secret text", "Bob's secret suggestion.", "2026-02-04T10:00:00Z");

  return { ada, bob, adaBook, bobBook, chapters, good, looping };
}

/** Moves a chapter's last change to a given time (for the date filters). */
export async function setChapterUpdatedAt(db: Db, chapterId: string, iso: string): Promise<void> {
  await db.update(chaptersTable).set({ updatedAt: new Date(iso) }).where(eq(chaptersTable.id, chapterId));
}
