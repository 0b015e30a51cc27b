import { describe, expect, it } from "vitest";
import { LlmError } from "../errors";
import { ContinuationJoin } from "./overlap";

/** Feeds a continuation word by word, as a stream arrives, and returns what the join passes on. */
function join(written: string, continuation: string): string {
  const j = new ContinuationJoin(written);
  let out = "";
  for (const piece of continuation.split(/(?<= )/)) out += j.push(piece);
  return out + j.end();
}

const opening = "For a long moment nobody spoke, and the silence in the harbour grew heavy. Maren lit the lamp.";
const tail = " Tobias crossed the quay without looking back.";

describe("joining a continuation to the text already written", () => {
  it("a continuation that merely shares a long phrase with the tail (a refrain, a sentence pattern) is kept whole", () => {
    const written = `${opening} The bell rang twice.${tail}`;
    const next = " For a long moment nobody spoke, and the silence in the orchard grew heavy. Then the wind turned.";
    expect(join(written, next)).toBe(next);
  });

  it("a continuation that shares a long phrase with the opening is kept whole: a phrase is not a restart", () => {
    const next = " For a long moment nobody spoke, and the silence in the station grew heavy. The train was late.";
    expect(join(opening, next)).toBe(next);
  });

  it("a continuation that starts the text over, whole sentences, then goes another way, is refused", () => {
    const written = `${opening} The bell rang twice and nobody came down to the quay.`;
    expect(() => join(written, `${opening} A different night followed, with no bell at all.`)).toThrow(LlmError);
  });

  it("a continuation that goes back into the tail, retells a whole sentence and goes on: the retold sentence is cut", () => {
    const written = `${opening}${tail} The gulls were loud above the boats.`;
    expect(join(written, "Tobias crossed the quay without looking back. He did not stop until the gate.")).toBe(" He did not stop until the gate.");
  });

  it("an echo of the very end is cut, and a continuation that only repeats is dropped", () => {
    expect(join(opening, "Maren lit the lamp. Its beam swept the water.")).toBe(" Its beam swept the water.");
    expect(join(opening, "nobody spoke, and the silence in the harbour")).toBe("");
  });
});
