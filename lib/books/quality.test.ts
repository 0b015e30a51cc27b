import { describe, expect, it } from "vitest";
import { checkChapter, repeatedPhrases, unknownNames } from "./quality";

describe("chapter quality checks", () => {
  it("measures length against the target", () => {
    const text = "word ".repeat(900);
    expect(checkChapter(text, 1000, [])).toMatchObject({ words: 900, lengthRatio: 0.9, lengthOk: true });
    expect(checkChapter("word ".repeat(400), 1000, []).lengthOk).toBe(false);
  });

  it("finds a phrase the model keeps repeating", () => {
    const text = "She looked at the sea. Then she looked at the sea again. Once more she looked at the sea, tired.";
    expect(repeatedPhrases(text)).toEqual([
      { phrase: "she looked at the", count: 3 },
      { phrase: "looked at the sea", count: 3 },
    ]);
    expect(repeatedPhrases("A quiet night at the lighthouse, and nothing repeats itself here.")).toEqual([]);
  });

  it("proposes names that the bible does not know, ignoring sentence starts and known aliases", () => {
    const text = "Later that night Maren met Tobias and the keeper at Port Arlen. Morning came. She told Quillon everything.";
    expect(unknownNames(text, ["Maren", "Tobias"])).toEqual(expect.arrayContaining(["Port", "Arlen", "Quillon"]));
    expect(unknownNames(text, ["Maren", "Tobias"])).not.toContain("Morning");
    expect(unknownNames(text, ["Maren", "Tobias"])).not.toContain("Maren");
  });
});
