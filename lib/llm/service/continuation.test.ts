import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../contract";
import { continuationMessages, continuedAnswer } from "./continuation";

const asked: ChatMessage[] = [
  { role: "system", content: "You write chapters." },
  { role: "user", content: "Write chapter 3." },
];

describe("continuation", () => {
  it("reads back the answer so far from the messages that ask to continue it", () => {
    expect(continuedAnswer(continuationMessages(asked, "The door opened and"))).toBe("The door opened and");
  });

  it("is not fooled by a conversation that merely has an assistant turn before a user turn", () => {
    const reAsk: ChatMessage[] = [...asked, { role: "assistant", content: "{bad json" }, { role: "user", content: "Answer with valid JSON." }];
    expect(continuedAnswer(reAsk)).toBe("");
    expect(continuedAnswer(asked)).toBe("");
  });
});
