// How a cut-off answer is asked to go on: the answer so far as the assistant's turn, then one
// instruction to continue. The dispatcher builds it; the demo model reads it back (as a real model
// would, from the conversation), so the shape is known in this one place.
import type { ChatMessage } from "../contract";

export const CONTINUE_INSTRUCTION = "Continue the text exactly where it stops. Do not repeat any of it and do not comment on it.";

export function continuationMessages(messages: ChatMessage[], produced: string): ChatMessage[] {
  return [...messages, { role: "assistant", content: produced }, { role: "user", content: CONTINUE_INSTRUCTION }];
}

/** The answer so far when `messages` ask to continue it (see `continuationMessages`), else "". */
export function continuedAnswer(messages: readonly ChatMessage[]): string {
  const [before, last] = messages.slice(-2);
  return last?.role === "user" && last.content === CONTINUE_INSTRUCTION && before?.role === "assistant" ? before.content : "";
}
