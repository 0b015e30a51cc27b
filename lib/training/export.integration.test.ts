import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { selectChapters } from "@/db/queries/chapters";
import { selectBible } from "@/db/queries/bible";
import { selectOwnedBook } from "@/db/queries/books";
import { buildChapterContext } from "@/lib/books/context";
import { outputTokensFor } from "@/lib/books/length";
import { outlineSchemaFor } from "@/lib/books/outline-schema";
import { emptyStats, toJsonlLine, trainingExamples } from "./export";
import { parseExportOptions } from "./options";
import { scrubPersonalData } from "./privacy";
import { seedLibrary, setChapterUpdatedAt, type SeededLibrary } from "./testing/seed-library";

let t: TestDatabase;
let lib: SeededLibrary;

beforeAll(async () => {
  t = await openTestDatabase();
  lib = await seedLibrary(t.db);
});
afterAll(() => t?.dispose());

type Line = { messages: Array<{ role: string; content: string }> };

async function exportJsonl(options: Record<string, unknown> = {}) {
  const stats = emptyStats();
  const lines: string[] = [];
  for await (const example of trainingExamples(t.db, parseExportOptions({ contextWindow: 32_000, ...options }), stats)) lines.push(toJsonlLine(example));
  return { text: lines.join("\n"), lines: lines.map((l) => JSON.parse(l) as Line), stats };
}

const userTurn = (line: Line) => line.messages.find((m) => m.role === "user")!.content;
const answer = (line: Line) => line.messages.at(-1)!.content;

describe("training export on real D1", () => {
  it("writes chat-format lines: system and user turns, then the kept answer, and nothing else", async () => {
    const { lines } = await exportJsonl();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(["messages"]);
      expect(line.messages[0]!.role).toBe("system");
      expect(line.messages.at(-1)!.role).toBe("assistant");
      expect(line.messages.every((m) => typeof m.content === "string" && m.content.length > 0)).toBe(true);
    }
  });

  it("includes only authors who opted in", async () => {
    const { text, stats } = await exportJsonl();
    expect(text).toContain("The Lighthouse Letters");
    expect(text).not.toContain("Bob's Private Draft");
    expect(text).not.toContain("A secret premise Bob never shared.");
    expect(text).not.toContain("bobword");
    expect(text).not.toContain("Bob's secret suggestion.");
    expect(stats.written).toEqual({ outline: 1, chapter: 2, suggestion: 2 });
  });

  it("never writes an email, the author's name or an account id", async () => {
    const { text } = await exportJsonl();
    for (const secret of [lib.ada.email, lib.bob.email, "Lovelace", "Babbage", lib.ada.id, lib.bob.id, "@quire.test"]) expect(text).not.toContain(secret);
    expect(text).toContain("Letters to [email] from [author].");
  });

  it("pairs the outline the author kept with the prompt generateObject sends", async () => {
    const { lines } = await exportJsonl({ task: "outline" });
    expect(lines).toHaveLength(1);
    const [schemaTurn, authorTurn, user] = lines[0]!.messages;
    expect(schemaTurn!.content).toMatch(/^Answer with a single JSON value \(outline\) that matches this JSON schema/);
    expect(authorTurn!.role).toBe("system");
    expect(user!.content).toContain("Premise: A keeper finds letters dated a century ahead.");
    expect(user!.content).toContain("Chapters: 3");
    const outline = outlineSchemaFor(3).parse(JSON.parse(answer(lines[0]!)));
    const saved = await selectChapters(t.db, lib.adaBook.id);
    expect(outline.chapters.map((c) => c.title)).toEqual(saved.map((c) => c.title));
  });

  it("pairs each written chapter with the context the chapter writer builds", async () => {
    const { lines } = await exportJsonl({ task: "chapter" });
    expect(lines.map(answer)).toEqual([lib.good.replace(lib.ada.email, "[email]").replace("Ada Lovelace", "[author]"), lib.looping.trim()]);
    const [book, chapters, bible] = await Promise.all([selectOwnedBook(t.db, lib.ada.id, lib.adaBook.id), selectChapters(t.db, lib.adaBook.id), selectBible(t.db, lib.adaBook.id)]);
    const expected = buildChapterContext({ book: book!, chapters, chapterIndex: 1, bible, budget: { contextWindow: 32_000, outputTokens: outputTokensFor(300) } });
    const person = { name: "Ada Lovelace", email: lib.ada.email };
    expect(lines[1]!.messages.slice(0, -1)).toEqual(expected.messages.map((m) => ({ ...m, content: scrubPersonalData(m.content, person) })));
    expect(userTurn(lines[1]!)).toContain("Write chapter 2 of 3");
  });

  it("keeps accepted suggestions with their instruction and original text, not reworked or rejected ones", async () => {
    const { lines, stats } = await exportJsonl({ task: "suggestion" });
    expect(lines.map((l) => [userTurn(l), answer(l)])).toEqual([
      ["Instruction: Fix grammar, spelling and punctuation. Change nothing else.\n<selection>teh ship sailed</selection>", "The ship sailed."],
      ["Instruction: Fix grammar, spelling and punctuation. Change nothing else.\n<selection>the fog come in</selection>", "The fog came in."],
    ]);
    expect(stats.skipped).toEqual({ "suggestion:reworked": 1, "suggestion:not_a_rewrite": 1 });
  });

  it("at the quality bar keeps only chapters that pass length and repetition, and suggestions still in the text", async () => {
    const { lines, stats } = await exportJsonl({ minQuality: true });
    expect(stats.written).toEqual({ outline: 1, chapter: 1, suggestion: 1 });
    expect(stats.skipped).toMatchObject({ "chapter:quality": 1, "suggestion:reworked": 1, "suggestion:not_in_manuscript": 1 });
    expect(lines.map(answer)).not.toContain(lib.looping.trim());
    expect(lines.map(answer)).toContain("The ship sailed.");
  });

  it("filters by when the kept text last changed, whole days inclusive", async () => {
    await setChapterUpdatedAt(t.db, lib.chapters[0]!.id, "2026-01-15T12:00:00Z");
    await setChapterUpdatedAt(t.db, lib.chapters[1]!.id, "2026-03-15T12:00:00Z");
    const january = await exportJsonl({ task: "chapter", from: "2026-01-01", to: "2026-01-15" });
    expect(january.lines.map(answer)).toHaveLength(1);
    expect(answer(january.lines[0]!)).toContain("tidea");
    const early = await exportJsonl({ task: "suggestion", to: "2026-02-01" });
    expect(early.lines.map(answer)).toEqual(["The ship sailed."]);
  });
});

describe("export options", () => {
  it("names the option that is wrong", () => {
    expect(() => parseExportOptions({ task: "cover", contextWindow: 8192 })).toThrow(/^--task: must be one of outline, chapter, suggestion/);
    expect(() => parseExportOptions({ from: "last tuesday", contextWindow: 8192 })).toThrow(/^--from: must be a date/);
    expect(() => parseExportOptions({ from: "2026-03-01", to: "2026-02-01", contextWindow: 8192 })).toThrow(/^--from: --from must not be after --to/);
    expect(() => parseExportOptions({ contextWindow: "lots" })).toThrow(/^--context-window: must be a number/);
  });
});
