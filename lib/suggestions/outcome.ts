/**
 * What a finished suggestion amounts to, decided once for the server (what to charge) and the editor
 * (what to offer). Pure: no server imports, so the editor reads the same rules.
 *
 * - "changed": an answer to offer (Accept / Tab).
 * - "unchanged": the model gave the selection back (or continued with nothing): shown as "No
 *   changes suggested", nothing to accept, and it costs nothing.
 * - "cut_off": the answer stopped at the token limit (finish reason "length"). A rewrite cut off
 *   mid-sentence would replace the writer's text with half a sentence, so it is shown but never
 *   offered, and costs nothing. A continuation is offered up to its last complete sentence (and
 *   charged) when it has one; otherwise it is treated like a cut-off rewrite.
 */
export type SuggestionOutcome = "changed" | "unchanged" | "cut_off";

const same = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/** The text up to the end of its last complete sentence ("" when there is none). */
export function completeSentences(text: string): string {
  const m = /^[\s\S]*[.!?…]["”’)\]]*(?=\s|$)/.exec(text);
  return m ? m[0] : "";
}

export function suggestionOutcome(input: { kind: string; selection: string }, answer: string, finishReason: string): SuggestionOutcome {
  if (finishReason === "length") {
    if (input.kind === "continue" && completeSentences(answer).trim()) return "changed";
    return "cut_off";
  }
  if (input.kind === "continue" ? !answer.trim() : same(answer, input.selection)) return "unchanged";
  return "changed";
}

/** Only an answer the writer can use is paid for. */
export function isChargeable(outcome: SuggestionOutcome): boolean {
  return outcome === "changed";
}

/** What the writer can take from a finished answer: a cut-off continuation stops at its last full sentence. */
export function offeredText(input: { kind: string }, answer: string, finishReason: string): string {
  return input.kind === "continue" && finishReason === "length" ? completeSentences(answer) : answer;
}
