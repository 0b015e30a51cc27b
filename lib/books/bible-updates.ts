import { z } from "zod";
import type { BibleProposalInput } from "@/db/queries/bible-proposals";
import type { BibleKind } from "@/db/schema";
import { estimateTokens, type LlmRequest, type LlmService } from "@/lib/llm";
import { BIBLE_UPDATES_MAX_TOKENS } from "@/lib/credits/estimates";
import { bibleUpdateMessages } from "./prompts";

/**
 * What a chapter proposes for the story bible, asked of the model as structured output and then
 * vetted here: only proposals whose evidence is a sentence really in the chapter, about entries that
 * really exist (or names that really are new), and not already decided by the author, are kept.
 */
const evidence = z.string().max(1_000);
export const bibleUpdatesSchema = z.object({
  newEntries: z
    .array(z.object({ kind: z.enum(["character", "place", "fact"]), name: z.string().max(120), description: z.string().max(1_000), evidence }))
    .max(8),
  facts: z.array(z.object({ entry: z.string().max(120), fact: z.string().max(1_000), evidence })).max(8),
  contradictions: z
    .array(z.object({ entry: z.string().max(120), chapterSays: z.string().max(1_000), bibleSays: z.string().max(1_000), evidence }))
    .max(8),
});
export type BibleUpdates = z.infer<typeof bibleUpdatesSchema>;

export type BibleEntryRef = { id: string; kind: BibleKind; name: string; aliases: string[]; body: string };
type Decided = { kind: string; name: string; body: string };

/** At most this many proposals per chapter: a short list the author can read in a minute. */
const MAX_PROPOSALS = 8;
/** The bible as sent with the chapter; entries the chapter names first, the rest while they fit. */
const BIBLE_PROMPT_CAP = 1_500;

export function bibleLinesFor(entries: BibleEntryRef[], text: string, cap = BIBLE_PROMPT_CAP): string {
  const lower = text.toLowerCase();
  const named = (e: BibleEntryRef) => [e.name, ...e.aliases].some((n) => n && lower.includes(n.toLowerCase()));
  const ordered = entries.filter((e) => e.kind !== "style_rule").sort((a, b) => Number(named(b)) - Number(named(a)));
  const lines: string[] = [];
  let used = 0;
  for (const e of ordered) {
    const aka = e.aliases.length > 0 ? ` (also ${e.aliases.join(", ")})` : "";
    const line = `- [${e.kind}] ${e.name}${aka}: ${e.body.replace(/\s+/g, " ").trim()}`;
    const cost = estimateTokens(line) + 1;
    if (used + cost > cap) continue;
    lines.push(line);
    used += cost;
  }
  return lines.join("\n");
}

/**
 * Asks the `summary` route for the chapter's bible updates and returns the vetted proposals. The call
 * is made with the caller's request fields (user, book, job, and `onUsage` of the charge it belongs to).
 */
export async function proposeBibleUpdates(
  llm: LlmService,
  input: { chapterTitle: string; text: string; bible: BibleEntryRef[]; decided: Decided[] },
  request: Pick<LlmRequest, "user" | "bookId" | "jobId" | "onUsage">,
): Promise<BibleProposalInput[]> {
  const result = await llm.generateObject({
    task: "summary",
    schema: bibleUpdatesSchema,
    schemaName: "bible_updates",
    messages: bibleUpdateMessages(input.chapterTitle, input.text, bibleLinesFor(input.bible, input.text)),
    maxTokens: BIBLE_UPDATES_MAX_TOKENS,
    ...request,
  });
  return vetBibleUpdates(result.object, input.text, input.bible, input.decided);
}

/** Whitespace and quote marks as a model may retype them. */
function normalise(text: string): string {
  return text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, " ").trim();
}
const keyOf = (kind: string, name: string, body: string) => `${kind}\n${normalise(name).toLowerCase()}\n${normalise(body).toLowerCase()}`;

export function vetBibleUpdates(updates: BibleUpdates, chapterText: string, bible: BibleEntryRef[], decided: Decided[]): BibleProposalInput[] {
  const chapter = normalise(chapterText);
  const inChapter = (sentence: string) => normalise(sentence).length >= 8 && chapter.includes(normalise(sentence));
  const entryNamed = (name: string) => {
    const wanted = normalise(name).toLowerCase();
    return bible.find((e) => e.kind !== "style_rule" && [e.name, ...e.aliases].some((n) => normalise(n).toLowerCase() === wanted));
  };
  const seen = new Set(decided.map((d) => keyOf(d.kind, d.name, d.body)));
  const out: BibleProposalInput[] = [];
  const keep = (p: BibleProposalInput) => {
    const key = keyOf(p.kind, p.name, p.body);
    if (seen.has(key) || out.length >= MAX_PROPOSALS) return;
    seen.add(key);
    out.push(p);
  };

  for (const c of updates.contradictions) {
    const entry = entryNamed(c.entry);
    if (!entry || !inChapter(c.evidence) || !normalise(c.chapterSays)) continue;
    keep({ kind: "contradiction", entryId: entry.id, entryKind: null, name: entry.name, body: normalise(c.chapterSays), evidence: normalise(c.evidence), bibleSays: normalise(c.bibleSays) });
  }
  for (const f of updates.facts) {
    const entry = entryNamed(f.entry);
    const fact = normalise(f.fact);
    // A fact the entry already states is no news.
    if (!entry || !fact || !inChapter(f.evidence) || normalise(entry.body).toLowerCase().includes(fact.toLowerCase())) continue;
    keep({ kind: "fact", entryId: entry.id, entryKind: null, name: entry.name, body: fact, evidence: normalise(f.evidence), bibleSays: "" });
  }
  for (const n of updates.newEntries) {
    const name = normalise(n.name);
    // A "new" name the bible already has, or one the chapter never uses, is not a new entry.
    if (!name || name.length > 80 || entryNamed(name) || !chapter.includes(name) || !inChapter(n.evidence)) continue;
    keep({ kind: "new_entry", entryId: null, entryKind: n.kind, name, body: normalise(n.description) || normalise(n.evidence), evidence: normalise(n.evidence), bibleSays: "" });
  }
  return out;
}

/** The contradictions a chapter's proposals found, as its quality checks show them. */
export function bibleConflictsOf(proposals: Pick<BibleProposalInput, "kind" | "name" | "body" | "evidence" | "bibleSays">[]) {
  return proposals.filter((p) => p.kind === "contradiction").map((p) => ({ entry: p.name, evidence: p.evidence, bibleSays: p.bibleSays }));
}
