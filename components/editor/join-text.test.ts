import { describe, expect, it } from "vitest";
import { joinContinuation } from "./join-text";

describe("continue writing joins its words to the text at the cursor", () => {
  it("puts one space and a capital after a sentence's end", () => {
    expect(joinContinuation("She was ready to say.", "slipped out of the room.")).toBe(" Slipped out of the room.");
    expect(joinContinuation("She was ready to say.", "It slipped away.")).toBe(" It slipped away.");
    expect(joinContinuation('"Go," she said. "Now!"', "he ran.")).toBe(" He ran.");
  });

  it("puts one space at a word boundary mid-sentence and keeps the model's case", () => {
    expect(joinContinuation("She was ready to", "say goodbye.")).toBe(" say goodbye.");
    expect(joinContinuation("She met", "Tobias at the gate.")).toBe(" Tobias at the gate.");
    expect(joinContinuation("She was tired,", "but she went on.")).toBe(" but she went on.");
  });

  it("never doubles a space the text or the model already has", () => {
    expect(joinContinuation("She was ready to say. ", " It slipped away.")).toBe("It slipped away.");
    expect(joinContinuation("She was ready to say.", "  It  slipped away.")).toBe(" It slipped away.");
    expect(joinContinuation("She was ready ", "to say.")).toBe("to say.");
  });

  it("adds no space before punctuation or at the start of a paragraph", () => {
    expect(joinContinuation("She was ready", ", and then she left.")).toBe(", and then she left.");
    expect(joinContinuation("", "it began.")).toBe("It began.");
    expect(joinContinuation("The end.\n\n", " it began again.")).toBe("It began again.");
  });

  it("leaves a space before the words that follow the cursor", () => {
    expect(joinContinuation("She was ready.", "It slipped.", "Then she left.")).toBe(" It slipped. ");
    expect(joinContinuation("She was ready.", "It slipped.", " Then she left.")).toBe(" It slipped.");
    expect(joinContinuation("She was ready", " to go", ".")).toBe(" to go");
  });

  it("offers nothing for an empty answer", () => {
    expect(joinContinuation("She was ready.", "  ")).toBe("");
  });
});
