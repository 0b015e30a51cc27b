import { describe, expect, it } from "vitest";
import { bibleLinesFor, vetBibleUpdates, type BibleEntryRef } from "./bible-updates";

const bible: BibleEntryRef[] = [
  { id: "bib_maren0001", kind: "character", name: "Maren", aliases: ["the Keeper"], body: "Keeps the light. Has grey eyes." },
  { id: "bib_voice0001", kind: "style_rule", name: "Voice", aliases: [], body: "Warm." },
];
const chapter = "Maren found the key.  She hid it in the “old” stove. Odile laughed.";
const none = { newEntries: [], facts: [], contradictions: [] };

describe("vetting what a model proposes for the bible", () => {
  it("keeps proposals whose evidence is the chapter's own sentence (spacing and curly quotes forgiven)", () => {
    const out = vetBibleUpdates(
      { ...none, facts: [{ entry: "the keeper", fact: "Maren hid a key in the stove.", evidence: 'She hid it in the "old" stove.' }] },
      chapter,
      bible,
      [],
    );
    expect(out).toEqual([{ kind: "fact", entryId: "bib_maren0001", entryKind: null, name: "Maren", body: "Maren hid a key in the stove.", evidence: 'She hid it in the "old" stove.', bibleSays: "" }]);
  });

  it("drops invented evidence, unknown or style entries, known 'new' names, facts the entry has, and what the author already decided", () => {
    const out = vetBibleUpdates(
      {
        newEntries: [
          { kind: "character", name: "Maren", description: "x", evidence: "Maren found the key." },
          { kind: "character", name: "Bertrand", description: "x", evidence: "Bertrand sang." },
          { kind: "character", name: "Odile", description: "A laugher.", evidence: "Odile laughed." },
        ],
        facts: [
          { entry: "Nobody", fact: "x", evidence: "Maren found the key." },
          { entry: "Voice", fact: "Short sentences.", evidence: "Maren found the key." },
          { entry: "Maren", fact: "Has grey eyes.", evidence: "Maren found the key." },
          { entry: "Maren", fact: "Maren found a key.", evidence: "Maren found the key that glowed." },
        ],
        contradictions: [],
      },
      chapter,
      bible,
      [{ kind: "new_entry", name: "odile", body: "A laugher." }],
    );
    expect(out).toEqual([]);
  });

  it("sends the entries the chapter names first, without style rules, within the cap", () => {
    const lines = bibleLinesFor([{ id: "bib_tobias001", kind: "character", name: "Tobias", aliases: [], body: "Writes letters." }, ...bible], chapter);
    expect(lines.split("\n")).toEqual(["- [character] Maren (also the Keeper): Keeps the light. Has grey eyes.", "- [character] Tobias: Writes letters."]);
    expect(bibleLinesFor(bible, chapter, 5)).toBe("");
  });
});
