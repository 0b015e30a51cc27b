import { describe, expect, it } from "vitest";
import { demoBibleUpdates } from "./bible-updates";

const prompt = (bible: string, chapter: string) => `Propose story bible updates from this chapter (One).\n\nStory bible:\n${bible}\n\nChapter text:\n"""${chapter}"""`;
const BIBLE = ["- [character] Maren Holt (also Keeper): Keeper of the light. She has grey eyes.", "- [character] Tobias: Writes the letters.", "- [place] Setting: A harbour town."].join("\n");

describe("the demo model's story-bible updates", () => {
  it("proposes a newly named person, a place and a thing, each with the sentence that introduces it", () => {
    const answer = JSON.parse(demoBibleUpdates(prompt(BIBLE, "Maren walked to the quay. She met Odile Marchetti near the market in Saltmere. The captain carried the Silver Compass everywhere.")));
    expect(answer.newEntries).toEqual([
      { kind: "character", name: "Odile Marchetti", description: "First seen in this chapter: She met Odile Marchetti near the market in Saltmere.", evidence: "She met Odile Marchetti near the market in Saltmere." },
      { kind: "place", name: "Saltmere", description: "First seen in this chapter: She met Odile Marchetti near the market in Saltmere.", evidence: "She met Odile Marchetti near the market in Saltmere." },
      { kind: "fact", name: "Silver Compass", description: "First seen in this chapter: The captain carried the Silver Compass everywhere.", evidence: "The captain carried the Silver Compass everywhere." },
    ]);
  });

  it("adds a fact to an entry from a plain sentence that names it, never from dialogue or what the entry already says", () => {
    const answer = JSON.parse(demoBibleUpdates(prompt(BIBLE, `"Tobias, wait," Maren said. Maren had kept the first letter hidden under the floorboards for a year. Tobias writes the letters.`)));
    expect(answer.facts).toEqual([
      { entry: "Maren Holt", fact: "Maren had kept the first letter hidden under the floorboards for a year.", evidence: "Maren had kept the first letter hidden under the floorboards for a year." },
    ]);
  });

  it("reports a sentence that gives an entry another colour than the bible does", () => {
    const answer = JSON.parse(demoBibleUpdates(prompt(BIBLE, "The lamp caught Maren's blue eyes as she turned.")));
    expect(answer.contradictions).toEqual([
      { entry: "Maren Holt", chapterSays: "Maren Holt has blue eyes.", bibleSays: "Maren Holt has grey eyes.", evidence: "The lamp caught Maren's blue eyes as she turned." },
    ]);
    expect(answer.facts).toEqual([]);
  });

  it("proposes nothing for a chapter that says nothing new", () => {
    expect(JSON.parse(demoBibleUpdates(prompt(BIBLE, "It rained.")))).toEqual({ newEntries: [], facts: [], contradictions: [] });
  });
});
