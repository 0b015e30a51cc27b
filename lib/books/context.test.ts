import { describe, expect, it } from "vitest";
import { buildChapterContext, type BibleEntryLike, type ChapterLike } from "./context";

const book = { title: "The Lighthouse Letters", genre: "Fantasy", audience: "Adult", tone: "Warm", premise: "A keeper finds letters from the future.", chapterCount: 60, wordsPerChapter: 3000 };

function longBook(n: number): ChapterLike[] {
  const prose = (i: number) => Array.from({ length: 3000 }, (_, w) => (w % 17 === 0 ? `Maren${i}` : "word")).join(" ");
  return Array.from({ length: n }, (_, i) => ({
    position: i,
    title: `Chapter title ${i + 1}`,
    synopsis: `Maren follows the letter to the harbour in part ${i + 1}.`,
    beats: ["Maren opens the letter", "Tobias warns her", "The storm arrives"],
    summary: `In chapter ${i + 1} Maren learned something new about the letters and Tobias kept a secret. `.repeat(3),
    content: prose(i),
  }));
}

const bible: BibleEntryLike[] = [
  { kind: "style_rule", name: "Past tense", aliases: [], body: "Third person, past tense." },
  { kind: "character", name: "Maren", aliases: ["the keeper"], body: "Lighthouse keeper, forty, stubborn." },
  { kind: "character", name: "Tobias", aliases: [], body: "Harbour master, her oldest friend." },
  ...Array.from({ length: 200 }, (_, i) => ({ kind: "fact", name: `Fact ${i}`, aliases: [], body: "An unrelated detail about the town's history, told at length. ".repeat(4) })),
];

const budget = { contextWindow: 32_000, outputTokens: 4_000 };

describe("buildChapterContext", () => {
  it("keeps chapter 60's prompt within 20% of chapter 5's", () => {
    const chapters = longBook(60);
    const fifth = buildChapterContext({ book, chapters, chapterIndex: 4, bible, budget });
    const sixtieth = buildChapterContext({ book, chapters, chapterIndex: 59, bible, budget });
    expect(sixtieth.promptTokens).toBeLessThanOrEqual(fifth.promptTokens * 1.2);
    expect(sixtieth.promptTokens).toBeLessThanOrEqual(6_500);
  });

  it("holds the prompt under a small model's context window", () => {
    const chapters = longBook(10);
    const small = buildChapterContext({ book, chapters, chapterIndex: 9, bible, budget: { contextWindow: 4_096, outputTokens: 2_000 } });
    expect(small.promptTokens).toBeLessThan(4_096 - 2_000);
  });

  it("includes the style rules, the characters named in the plan, the synopsis, beats, next synopsis and the previous ending", () => {
    const chapters = longBook(5);
    chapters[3]!.synopsis = "The next chapter's own synopsis.";
    const ctx = buildChapterContext({ book, chapters, chapterIndex: 2, bible, budget });
    const prompt = ctx.messages.map((m) => m.content).join("\n");
    expect(prompt).toContain("Style rule: Past tense");
    expect(prompt).toContain("Character: Maren (also the keeper)");
    expect(prompt).toContain("Character: Tobias");
    expect(prompt).toContain(chapters[2]!.synopsis);
    expect(prompt).toContain("- Tobias warns her");
    expect(prompt).toContain("The next chapter's own synopsis.");
    expect(prompt).toContain("Maren1"); // from the end of chapter 2's text
    expect(prompt).toContain("Target length: 3000 words");
    expect(prompt).not.toContain("Maren0"); // chapter 1's text is not sent, only its summary
    expect(prompt).toContain("Chapter 1 (Chapter title 1)");
  });

  it("drops the oldest summaries first when the story is long", () => {
    const chapters = longBook(60);
    const ctx = buildChapterContext({ book, chapters, chapterIndex: 59, bible, budget });
    expect(ctx.parts.storySoFar).toContain("Chapter 59 (");
    expect(ctx.parts.storySoFar).not.toContain("Chapter 1 (");
  });
});
