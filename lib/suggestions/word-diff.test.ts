import { describe, expect, it } from "vitest";
import { diffChanges, diffSides, wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("shows a doubled word going and a capital coming, leaving the rest alone", () => {
    const ops = wordDiff("i saw teh cat. it was was big", "I saw the cat. It was big.");
    expect(ops).toEqual([
      { type: "del", text: "i" },
      { type: "ins", text: "I" },
      { type: "same", text: " saw " },
      { type: "del", text: "teh" },
      { type: "ins", text: "the" },
      { type: "same", text: " cat. " },
      { type: "del", text: "it" },
      { type: "ins", text: "It" },
      { type: "same", text: " was " },
      { type: "del", text: "was big" },
      { type: "ins", text: "big." },
    ]);
  });

  it("is lossless: each side of the diff is exactly the text it came from", () => {
    const before = "The  rain fell.\n\nShe waited, and waited, by the door.";
    const after = "Rain fell hard.\n\nShe waited by the old door.";
    expect(diffSides(wordDiff(before, after))).toEqual({ before, after });
  });

  it("reports no change for identical text and a whole replacement for unrelated text", () => {
    expect(wordDiff("same words", "same words")).toEqual([{ type: "same", text: "same words" }]);
    expect(wordDiff("alpha beta", "gamma")).toEqual([
      { type: "del", text: "alpha beta" },
      { type: "ins", text: "gamma" },
    ]);
  });

  it("handles an empty side (a deleted selection, or text from nothing)", () => {
    expect(wordDiff("", "new text")).toEqual([{ type: "ins", text: "new text" }]);
    expect(wordDiff("old text", "")).toEqual([{ type: "del", text: "old text" }]);
  });
});

describe("diffChanges", () => {
  it("locates each change in the original text", () => {
    const before = "i saw teh cat";
    const changes = diffChanges(wordDiff(before, "I saw the cat"));
    expect(changes).toEqual([
      { from: 0, to: 1, original: "i", replacement: "I" },
      { from: 6, to: 9, original: "teh", replacement: "the" },
    ]);
    for (const c of changes) expect(before.slice(c.from, c.to)).toBe(c.original);
  });
});
