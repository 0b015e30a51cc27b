import { zodSchema } from "ai";
import type { ChatMessage } from "@/lib/llm";
import type { Book } from "@/db/queries/books";
import { outlineMessages } from "@/lib/books/prompts";
import { outlineSchemaFor } from "@/lib/books/outline-schema";

/**
 * The prompts a training example pairs with its answer: exactly what Quire sends, so the tuned model
 * learns on the prompts it will be served. Built with the app's own builders; the tests compare them
 * with the request the LLM service actually puts on the wire.
 */

/**
 * An outline is asked for with `generateObject`, which puts one system turn before the app's
 * messages: the JSON-schema instruction. It is rebuilt here the same way (the AI SDK's zod → JSON
 * Schema), because the fine-tuned model will see that instruction on every outline request.
 */
export async function outlineTrainingMessages(book: Book): Promise<ChatMessage[]> {
  const jsonSchema = await zodSchema(outlineSchemaFor(book.chapterCount)).jsonSchema;
  const instruction = `Answer with a single JSON value (outline) that matches this JSON schema. No prose, no code fences.\n${JSON.stringify(jsonSchema)}`;
  return [{ role: "system", content: instruction }, ...outlineMessages(book)];
}

/**
 * Inline suggestions follow the convention every Quire model is given (docs/llm.md): an
 * `Instruction:` line, then the text in `<selection>` tags, under the editor's system turn. The event
 * keeps the instruction and the selection but not the text before it, so the optional context block
 * the editor adds is left out.
 * Keep in step with the editor's suggestion prompt (lib/suggestions/prompts.ts on the editor branch):
 * once it is on main, call its `suggestionMessages` instead of repeating the texts here.
 */
export const SUGGESTION_SYSTEM =
  "You are an editor helping a novelist revise their manuscript. Return only the revised text: no preamble, no quotes, no notes. Keep the author's voice, tense and point of view. Keep paragraph breaks as blank lines.";

/** The instruction the editor sends for each kind of suggestion, by the label its events record. */
const INSTRUCTIONS: Record<string, string> = {
  improve: "Improve the style of this passage: stronger verbs, fewer filler words, same meaning.",
  grammar: "Fix grammar, spelling and punctuation. Change nothing else.",
  clarity: "Rewrite for clarity: plain, direct sentences a reader follows at once.",
  shorter: "Make this shorter and more concise without losing what matters.",
  longer: "Make this longer: expand it with concrete detail in the same voice.",
};

/**
 * The instruction text sent to the model for an event's label: `grammar`, `tone:warmer`,
 * `custom:<the writer's words>`; any other text is taken as the instruction itself.
 */
export function suggestionInstruction(label: string): string {
  if (label.startsWith("tone:")) return `Rewrite this in a ${label.slice(5)} tone.`;
  if (label.startsWith("custom:")) return label.slice(7);
  return INSTRUCTIONS[label] ?? label;
}

export function suggestionTrainingMessages(instruction: string, selection: string): ChatMessage[] {
  return [
    { role: "system", content: SUGGESTION_SYSTEM },
    { role: "user", content: `Instruction: ${instruction}\n<selection>${selection}</selection>` },
  ];
}
