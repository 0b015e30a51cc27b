// `npm run book:estimate -- --chapters 60 --words 3000`: builds every chapter's prompt of such a book
// with the same context builder the writer uses (the demo model writes the chapters' stand-in text),
// and prints the prompt tokens per chapter. The last line is a JSON object of the figures.
// Recall is on (`--recall off` to compare): each written chapter is cut into passages and embedded by
// the demo embedder, and each prompt carries the passages most related to its plan, as the writer does.
import { z } from "zod";
import { buildChapterContext, type BibleEntryLike, type ChapterLike, type RecalledPassage } from "@/lib/books/context";
import { outputTokensFor } from "@/lib/books/length";
import { cutPassages, rankPassages, recallQuery, decodeVector, encodeVector, RECALL_CANDIDATES, type PassageCandidate } from "@/lib/books/passages";
import { expectedChapterCredits, expectedRecallCredits } from "@/lib/credits/estimates";
import { demoAnswer, demoEmbedding } from "@/lib/llm";

const args = z
  .object({
    chapters: z.coerce.number().int().min(1).max(500).default(60),
    words: z.coerce.number().int().min(100).max(20_000).default(3000),
    context: z.coerce.number().int().min(2_048).max(2_000_000).default(32_000),
    recall: z.enum(["on", "off"]).default("on"),
  })
  .parse(Object.fromEntries(process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2), all[i + 1]]] : []))));

const book = { title: "The Lighthouse Letters", premise: "Maren, a lighthouse keeper, finds letters from the future.", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: args.chapters, wordsPerChapter: args.words };
const bible: BibleEntryLike[] = [
  { kind: "style_rule", name: "Voice", aliases: [], body: "Third person, past tense, warm." },
  { kind: "character", name: "Maren", aliases: ["the keeper"], body: "Lighthouse keeper, forty, stubborn." },
  { kind: "character", name: "Tobias", aliases: [], body: "Harbour master, her oldest friend." },
  { kind: "place", name: "Port Arlen", aliases: [], body: "A fishing town at the edge of the map." },
];

function demoText(prompt: string): string {
  return demoAnswer({ task: "chapter", messages: [{ role: "user", content: prompt }] });
}

const chapters: ChapterLike[] = Array.from({ length: args.chapters }, (_, i) => ({
  position: i,
  title: `Chapter ${i + 1}`,
  synopsis: `Maren and Tobias follow the ${i + 1}th letter to Port Arlen.`,
  beats: ["A letter arrives", "Maren hesitates", "Tobias decides"],
  summary: "",
  content: "",
}));

const recallOn = args.recall === "on";
/** Every written chapter's passages with their (demo) vectors, as the passages table holds them. */
const stored: Array<PassageCandidate & { chapterIndex: number; text: string }> = [];

function recalledFor(i: number): RecalledPassage[] {
  const older = stored.filter((p) => p.chapterIndex < i - 1);
  if (!recallOn || older.length === 0) return [];
  const byId = new Map(older.map((p) => [p.id, p]));
  return rankPassages(demoEmbedding(recallQuery(chapters[i]!, bible)), older, RECALL_CANDIDATES).map((r) => ({ chapterIndex: byId.get(r.id)!.chapterIndex, text: byId.get(r.id)!.text, score: r.score }));
}

const rows: { chapter: number; promptTokens: number; credits: number; recalled: number }[] = [];
for (let i = 0; i < chapters.length; i++) {
  const recalled = recalledFor(i);
  const ctx = buildChapterContext({ book, chapters, chapterIndex: i, bible, budget: { contextWindow: args.context, outputTokens: outputTokensFor(args.words) }, recalled });
  const recalledCount = ctx.parts.recalled ? ctx.parts.recalled.split("\n").length : 0;
  rows.push({ chapter: i + 1, promptTokens: ctx.promptTokens, credits: expectedChapterCredits(ctx.promptTokens, args.words) + (recallOn ? expectedRecallCredits(i, args.words) : 0), recalled: recalledCount });
  // The chapter is "written" by the demo model so later prompts see a real previous ending and summary.
  const text = demoText(ctx.messages.map((m) => m.content).join("\n"));
  chapters[i] = { ...chapters[i]!, content: text, summary: text.split(/(?<=\.)\s/).slice(0, 3).join(" ") };
  if (recallOn) cutPassages(text).forEach((passage, seq) => stored.push({ id: `${i}:${seq}`, chapterId: String(i), seq, chapterIndex: i, text: passage, vector: decodeVector(encodeVector(demoEmbedding(passage))) }));
  console.log(`chapter ${String(i + 1).padStart(3)}  prompt ${String(ctx.promptTokens).padStart(6)} tokens  ${rows[i]!.credits} credits  ${recalledCount} passages recalled`);
}

const tokens = rows.map((r) => r.promptTokens);
const at = (n: number) => rows[Math.min(n, rows.length) - 1]!.promptTokens;
console.log(
  JSON.stringify({
    chapters: args.chapters,
    wordsPerChapter: args.words,
    chapter5PromptTokens: at(5),
    chapter60PromptTokens: at(60),
    ratio60to5: Math.round((at(60) / at(5)) * 1000) / 1000,
    minPromptTokens: Math.min(...tokens),
    maxPromptTokens: Math.max(...tokens),
    totalCredits: rows.reduce((n, r) => n + r.credits, 0),
    recall: recallOn,
    passagesStored: stored.length,
    chapter60RecalledPassages: rows[Math.min(60, rows.length) - 1]!.recalled,
  }),
);
