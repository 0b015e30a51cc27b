// What the demo model reads from a prompt: the requested length, chapter count, the names it should
// use (capitalised words that are not sentence openers or common words), and a suggestion's
// instruction and selection. Prompt conventions are documented in docs/llm.md.
import type { ChatMessage } from "../contract";

const NOT_NAMES = new Set(
  "The A An And But Or If In On At To Of For With From By As Is It Its This That These Those He She They We You Your I Me My Our Their His Her Them Then There Here When Where What Which Who Why How Write Chapter Chapters Book Title Target Length Words Word Outline Story Bible Summary Return Respond Use Keep Make Do Not No Yes Please Premise Genre Audience Tone Synopsis Previous Next Instruction Selection Text JSON Schema Continue Rewrite Fix Grammar Cover Prompt Image Part Act Scene Character Characters Place Places Fact Facts Style Rule Rules System User Assistant Only One Two Three Each Every All Some Any Into After Before During While Also Still Now Once Fantasy Mystery Romance Thriller Adult Young Children Novel".split(
    " ",
  ),
);

export function promptText(messages: ChatMessage[]): string {
  return messages.map((m) => m.content).join("\n");
}

export function lastUserMessage(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === "user") return messages[i]!.content;
  return "";
}

/** "Target length: 1200 words", "about 800 words", "1,500-word chapter". */
export function targetWords(text: string): number | undefined {
  const explicit = /target length:\s*([\d,]+)\s*words?/i.exec(text) ?? /([\d,]{2,7})[\s-]*words?\b/i.exec(text);
  if (!explicit) return undefined;
  const n = Number(explicit[1]!.replace(/,/g, ""));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 20_000) : undefined;
}

export function targetChapters(text: string): number | undefined {
  const m = /(?:chapter count|chapters):\s*(\d{1,3})/i.exec(text) ?? /\b(\d{1,3})\s+chapters\b/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > 0 ? Math.min(n, 60) : undefined;
}

/** Capitalised words used mid-sentence, most frequent first. */
export function namesIn(text: string): string[] {
  const counts = new Map<string, number>();
  // "Characters: Ada" is a list, not a sentence start, so ':' does not count as one.
  const re = /([.!?\n"“]\s*)?\b([A-Z][a-z]{2,}(?:\s[A-Z][a-z]{2,})?)\b/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const atSentenceStart = m[1] !== undefined || m.index === 0;
    m[2]!.split(" ").forEach((word, i) => {
      if (NOT_NAMES.has(word)) return;
      // A word seen only at sentence starts is probably not a name; mid-sentence uses weigh more.
      counts.set(word, (counts.get(word) ?? 0) + (atSentenceStart && i === 0 ? 0.5 : 1));
    });
  }
  return [...counts.entries()]
    .filter(([, n]) => n >= 1)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([w]) => w);
}

/** A suggestion request: `Instruction: ...` and the selection in <selection> tags, a `Selection:`/`Text:` block, or quotes. */
export function suggestionParts(text: string): { instruction: string; selection: string } {
  const instruction = /instruction:\s*(.+)/i.exec(text)?.[1]?.trim() ?? "";
  const tagged = /<selection>([\s\S]*?)<\/selection>/i.exec(text)?.[1];
  const labelled = /(?:selection|text):\s*\n?([\s\S]+?)(?:\n\s*\n|$)/i.exec(text)?.[1];
  const quoted = /"""([\s\S]+?)"""/.exec(text)?.[1] ?? /“([^”]+)”/.exec(text)?.[1] ?? /"([^"]{3,})"/.exec(text)?.[1];
  const selection = (tagged ?? labelled ?? quoted ?? text).trim();
  return { instruction: instruction || text.split("\n")[0]!.trim(), selection };
}
