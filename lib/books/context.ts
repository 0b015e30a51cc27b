import { estimateTokens } from "@/lib/llm";
import { chapterMessages, type ChapterPromptParts } from "./prompts";
import type { ChatMessage } from "@/lib/llm";

/**
 * Builds one chapter's prompt under a token budget. Whatever the length of the book, the prompt holds
 * the same pieces, each capped: the bible entries that matter here, the rolling summary of the most
 * recent chapters, the passages of older chapters most related to this one (recalled by embedding:
 * lib/books/recall.ts), the end of the previous chapter, this chapter's plan and the next one's synopsis.
 * So a chapter's cost does not grow with its position, and a whole book costs linear in chapters.
 */
export type BibleEntryLike = { kind: string; name: string; aliases: string[]; body: string };
export type ChapterLike = { position: number; title: string; synopsis: string; beats: string[]; summary: string; content: string };
export type BookLike = ChapterPromptParts["book"] & { chapterCount: number; wordsPerChapter: number };
/** A passage of an earlier chapter, recalled for this one: best first. */
export type RecalledPassage = { chapterIndex: number; text: string; score: number };

export type ContextBudget = {
  /** The model's context window in tokens. */
  contextWindow: number;
  /** Tokens kept free for the answer. */
  outputTokens: number;
};

/** Shares of the prompt budget; the rest covers the fixed parts (premise, plan, instructions). */
// Recall gets ~3 passages of ~250 words: enough for the scar, the promise and the secret that matter
// now, few enough that the prompt stays the same size from chapter 5 to chapter 60.
const CAPS = { bible: 1_200, storySoFar: 700, previousEnding: 2_000, recall: 1_000 } as const;
const MAX_PROMPT = 7_000;
const PREVIOUS_ENDING_WORDS = 1_500;

export type ChapterContext = { messages: ChatMessage[]; promptTokens: number; parts: ChapterPromptParts };

export function buildChapterContext(input: {
  book: BookLike;
  chapters: ChapterLike[];
  chapterIndex: number;
  bible: BibleEntryLike[];
  budget: ContextBudget;
  /** Passages of earlier chapters, best first (recallPassages); the previous chapter's are left out, its ending is here already. */
  recalled?: RecalledPassage[];
}): ChapterContext {
  const { book, chapters, chapterIndex, bible, budget } = input;
  const chapter = chapters[chapterIndex];
  if (!chapter) throw new Error(`no chapter at index ${chapterIndex}`);
  const previous = chapterIndex > 0 ? chapters[chapterIndex - 1] : undefined;
  const next = chapters[chapterIndex + 1];

  const available = Math.max(512, Math.min(MAX_PROMPT, budget.contextWindow - budget.outputTokens - 256));
  const scale = Math.min(1, available / MAX_PROMPT);
  const caps = {
    bible: Math.floor(CAPS.bible * scale),
    storySoFar: Math.floor(CAPS.storySoFar * scale),
    previousEnding: Math.floor(CAPS.previousEnding * scale),
    recall: Math.floor(CAPS.recall * scale),
  };

  const focusText = [chapter.title, chapter.synopsis, ...chapter.beats, next?.synopsis ?? "", previous?.summary ?? ""].join("\n");
  const parts: ChapterPromptParts = {
    book,
    chapterNumber: chapterIndex + 1,
    chapterCount: chapters.length,
    title: chapter.title,
    synopsis: chapter.synopsis,
    beats: chapter.beats,
    targetWords: book.wordsPerChapter,
    bible: bibleFor(bible, focusText, caps.bible),
    storySoFar: storySoFar(chapters.slice(0, chapterIndex), caps.storySoFar),
    previousEnding: previous ? tailWithin(previous.content, PREVIOUS_ENDING_WORDS, caps.previousEnding) : "",
    nextSynopsis: next?.synopsis ?? "",
    recalled: recalledWithin(input.recalled ?? [], chapterIndex - 1, caps.recall),
  };
  const messages = chapterMessages(parts);
  const promptTokens = messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);
  return { messages, promptTokens, parts };
}

/** Style rules always; then entries named in this chapter's plan; then the rest, while they fit. */
export function bibleFor(entries: BibleEntryLike[], focusText: string, cap: number): string {
  const focus = focusText.toLowerCase();
  const mentioned = (e: BibleEntryLike) => [e.name, ...e.aliases].some((n) => n && focus.includes(n.toLowerCase()));
  const rank = (e: BibleEntryLike) => (e.kind === "style_rule" ? 0 : mentioned(e) ? 1 : e.kind === "character" ? 2 : 3);
  const ordered = [...entries].sort((a, b) => rank(a) - rank(b));
  const lines: string[] = [];
  let used = 0;
  for (const e of ordered) {
    const aka = e.aliases.length > 0 ? ` (also ${e.aliases.join(", ")})` : "";
    const line = `- ${labelOf(e.kind)} ${e.name}${aka}: ${e.body}`.trim();
    const cost = estimateTokens(line) + 1;
    if (used + cost > cap) continue;
    lines.push(line);
    used += cost;
  }
  return lines.join("\n");
}

function labelOf(kind: string): string {
  return kind === "style_rule" ? "Style rule:" : kind === "place" ? "Place:" : kind === "fact" ? "Fact:" : "Character:";
}

/**
 * The best recalled passages that fit `cap` tokens, from chapters before `beforeIndex` only, shown in
 * story order with their chapter number.
 */
export function recalledWithin(passages: RecalledPassage[], beforeIndex: number, cap: number): string {
  const picked: RecalledPassage[] = [];
  let used = 0;
  for (const p of passages) {
    if (p.chapterIndex >= beforeIndex) continue;
    const cost = estimateTokens(p.text) + 6;
    if (used + cost > cap) continue;
    picked.push(p);
    used += cost;
  }
  picked.sort((a, b) => a.chapterIndex - b.chapterIndex);
  return picked.map((p) => `[Chapter ${p.chapterIndex + 1}] ${p.text.replace(/\s*\n\s*/g, " ")}`).join("\n");
}

/** The newest chapter summaries that fit, oldest first; older chapters fall out of the window. */
export function storySoFar(earlier: ChapterLike[], cap: number): string {
  const picked: string[] = [];
  let used = 0;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const c = earlier[i]!;
    if (!c.summary) continue;
    const line = `Chapter ${i + 1} (${c.title}): ${c.summary}`;
    const cost = estimateTokens(line) + 1;
    if (used + cost > cap) break;
    picked.unshift(line);
    used += cost;
  }
  return picked.join("\n");
}

/** The last `words` words of a text, shortened further until it fits `cap` tokens. */
export function tailWithin(text: string, words: number, cap: number): string {
  let tail = text.trim().split(/\s+/).slice(-words);
  while (tail.length > 0 && estimateTokens(tail.join(" ")) > cap) tail = tail.slice(Math.ceil(tail.length * 0.1));
  return tail.join(" ");
}
