import type { ChatMessage, LlmTask } from "@/lib/llm";
import type { ParsedSuggestionRequest } from "./kinds";

/**
 * The prompts for inline suggestions. The user turn follows the convention every Quire model is
 * given (docs/llm.md): an `Instruction:` line, then the text in `<selection>` tags. The demo model
 * reads exactly this; a real model gets the system turn's rules as well.
 */
const SYSTEM =
  "You are an editor helping a novelist revise their manuscript. Return only the revised text: no preamble, no quotes, no notes. Keep the author's voice, tense and point of view. Keep paragraph breaks as blank lines.";

const CONTINUE_SYSTEM =
  "You are a co-writer continuing a novelist's draft. Write the next one to three sentences in the author's voice. Return only the new sentences, never the text you were given.";

function instructionFor(input: ParsedSuggestionRequest): string {
  switch (input.kind) {
    case "improve":
      return "Improve the style of this passage: stronger verbs, fewer filler words, same meaning.";
    case "grammar":
      return "Fix grammar, spelling and punctuation. Change nothing else.";
    case "clarity":
      return "Rewrite for clarity: plain, direct sentences a reader follows at once.";
    case "shorter":
      return "Make this shorter and more concise without losing what matters.";
    case "longer":
      return "Make this longer: expand it with concrete detail in the same voice.";
    case "tone":
      return `Rewrite this in a ${input.tone} tone.`;
    case "custom":
      return input.instruction!;
    case "continue":
      return "Continue the story from the end of the selection; write more in the same voice.";
  }
}

/** Grammar fixes go to the grammar route (its own model and cache); everything else is a suggestion. */
export function taskFor(input: ParsedSuggestionRequest): LlmTask {
  return input.kind === "grammar" ? "grammar" : "suggestion";
}

export function suggestionMessages(input: ParsedSuggestionRequest): ChatMessage[] {
  const lines = [`Instruction: ${instructionFor(input)}`];
  // Another candidate: a different prompt is also a different cache entry, and says what is wanted.
  if (input.attempt > 1) lines.push(`Candidate ${input.attempt}: offer a different version from the earlier ones.`);
  if (input.kind === "continue") {
    return [
      { role: "system", content: CONTINUE_SYSTEM },
      { role: "user", content: `${lines.join("\n")}\n<selection>${continueAnchor(input)}</selection>` },
    ];
  }
  const context = input.before.trim() ? `Context before the selection (do not rewrite it):\n${input.before.slice(-600)}\n\n` : "";
  return [
    { role: "system", content: SYSTEM },
    { role: "user", content: `${context}${lines.join("\n")}\n<selection>${input.selection}</selection>` },
  ];
}

/**
 * Continue writing sends the text before the cursor; the last sentence is the anchor the model
 * continues from. Models sometimes repeat the anchor before continuing, which `stripEcho` removes.
 */
export function continueAnchor(input: ParsedSuggestionRequest): string {
  const text = (input.before + input.selection).trimEnd();
  const sentences = text.match(/[^.!?]+[.!?]+["”’)]*\s*|[^.!?]+$/g) ?? [text];
  return sentences.slice(-3).join("").trim();
}

export function suggestionMaxTokens(input: ParsedSuggestionRequest): number {
  if (input.kind === "continue") return 160;
  // Room for the rewrite (a "longer" one may double the selection), in tokens of ~4 characters.
  const base = Math.ceil(input.selection.length / 3);
  return Math.min(4_000, Math.max(64, input.kind === "longer" ? base * 2 + 100 : base + 60));
}
