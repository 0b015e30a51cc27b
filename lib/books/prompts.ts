import type { ChatMessage } from "@/lib/llm";
import type { Book } from "@/db/queries/books";

/**
 * Every prompt Quire sends for a book. Plain, labelled sections ("Premise:", "Target length: N
 * words") so that any model, the offline demo model included, can find what it needs.
 */
const AUTHOR_SYSTEM =
  "You are a skilled novelist and editor who writes vivid, coherent fiction. You follow the story bible exactly: names, facts and style rules are not to be changed.";

export function outlineMessages(book: Book): ChatMessage[] {
  return [
    { role: "system", content: AUTHOR_SYSTEM },
    {
      role: "user",
      content: [
        `Plan a book as a JSON outline.`,
        `Working title: ${book.title}`,
        `Premise: ${book.premise}`,
        `Genre: ${book.genre}`,
        `Audience: ${book.audience}`,
        `Tone: ${book.tone}`,
        `Chapters: ${book.chapterCount}`,
        `Each chapter will be about ${book.wordsPerChapter} words long.`,
        `Give a one-sentence logline, the setting, the main characters (name, role, description, aliases) and exactly ${book.chapterCount} chapters, each with a title, a synopsis of two or three sentences and three to six beats.`,
      ].join("\n"),
    },
  ];
}

export type ChapterPromptParts = {
  book: Pick<Book, "title" | "genre" | "audience" | "tone" | "premise">;
  chapterNumber: number;
  chapterCount: number;
  title: string;
  synopsis: string;
  beats: string[];
  targetWords: number;
  bible: string;
  storySoFar: string;
  previousEnding: string;
  nextSynopsis: string;
  /** Passages of earlier chapters recalled for this one (lib/books/recall.ts), already labelled. */
  recalled?: string;
};

export function chapterMessages(p: ChapterPromptParts): ChatMessage[] {
  const sections = [
    `Book: ${p.book.title} (${p.book.genre}, for ${p.book.audience}; tone: ${p.book.tone})`,
    `Premise: ${p.book.premise}`,
    p.bible && `Story bible:\n${p.bible}`,
    p.storySoFar && `The story so far:\n${p.storySoFar}`,
    p.recalled && `Earlier passages to stay consistent with:\n${p.recalled}`,
    p.previousEnding && `The previous chapter ended:\n"""${p.previousEnding}"""`,
    `Write chapter ${p.chapterNumber} of ${p.chapterCount}: ${p.title}`,
    `Synopsis: ${p.synopsis}`,
    p.beats.length > 0 && `Beats:\n${p.beats.map((b) => `- ${b}`).join("\n")}`,
    p.nextSynopsis && `The next chapter will cover (do not write it): ${p.nextSynopsis}`,
    `Target length: ${p.targetWords} words`,
    `Write only the chapter's prose, in paragraphs, without a heading.`,
  ];
  return [
    { role: "system", content: AUTHOR_SYSTEM },
    { role: "user", content: sections.filter(Boolean).join("\n\n") },
  ];
}

export function summaryMessages(chapterTitle: string, text: string): ChatMessage[] {
  return [
    { role: "system", content: "You summarise fiction precisely, keeping names and what changed." },
    {
      role: "user",
      content: `Summarise this chapter (${chapterTitle}) in at most 120 words, for a writer who must continue the story. Target length: 100 words\n\nText:\n"""${text}"""`,
    },
  ];
}

/**
 * Asks what a finished chapter adds to the story bible. The bible is listed one entry a line
 * (`- [kind] Name (also A, B): body`) and the chapter follows in triple quotes; the demo model reads
 * both by these labels (lib/llm/demo/bible-updates.ts).
 */
export function bibleUpdateMessages(chapterTitle: string, text: string, bibleLines: string): ChatMessage[] {
  return [
    {
      role: "system",
      content:
        "You keep a novel's story bible. You report only what the chapter itself states, quoting the exact sentence from the chapter as evidence, word for word.",
    },
    {
      role: "user",
      content: [
        `Propose story bible updates from this chapter (${chapterTitle}).`,
        `newEntries: people, places and named objects the chapter introduces that the bible does not have (kind: character, place, or fact for an object or thing).`,
        `facts: new, lasting facts the chapter establishes about an existing entry (entry: its name as written in the bible).`,
        `contradictions: statements in the chapter that conflict with what the bible says about an entry (chapterSays, bibleSays).`,
        `At most five of each; empty lists when there is nothing. Evidence is one sentence copied exactly from the chapter.`,
        ``,
        `Story bible:`,
        bibleLines || "(empty)",
        ``,
        `Chapter text:`,
        `"""${text}"""`,
      ].join("\n"),
    },
  ];
}
