import { describe, expect, it } from "vitest";
import { completeSentences, isChargeable, offeredText, suggestionOutcome } from "./outcome";

describe("a finished suggestion's outcome", () => {
  it("is unchanged (and free) when the answer is the selection, whitespace aside", () => {
    const outcome = suggestionOutcome({ kind: "grammar", selection: "The lamp was lit." }, " The lamp  was lit.\n", "stop");
    expect(outcome).toBe("unchanged");
    expect(isChargeable(outcome)).toBe(false);
    expect(suggestionOutcome({ kind: "grammar", selection: "teh lamp" }, "The lamp", "stop")).toBe("changed");
  });

  it("is cut off (not offered, free) when a rewrite stopped at the token limit", () => {
    const outcome = suggestionOutcome({ kind: "improve", selection: "Then, something moved." }, "Then, somet", "length");
    expect(outcome).toBe("cut_off");
    expect(isChargeable(outcome)).toBe(false);
  });

  it("offers a cut-off continuation up to its last full sentence, or nothing", () => {
    expect(suggestionOutcome({ kind: "continue", selection: "" }, "She ran. Then, somet", "length")).toBe("changed");
    expect(offeredText({ kind: "continue" }, "She ran. Then, somet", "length")).toBe("She ran.");
    expect(suggestionOutcome({ kind: "continue", selection: "" }, "Then, somet", "length")).toBe("cut_off");
    expect(suggestionOutcome({ kind: "continue", selection: "" }, "  ", "stop")).toBe("unchanged");
    expect(completeSentences('He said, "Go." And she')).toBe('He said, "Go."');
  });
});
