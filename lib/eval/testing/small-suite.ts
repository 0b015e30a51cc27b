// A small suite for tests (the real one is eval/suite): two outlines, one chapter, two suggestions.
import type { EvalSuite } from "../suite";

export const SMALL_SUITE: EvalSuite = {
  outlines: [
    { id: "kite", book: { title: "The Kite", premise: "A girl chases her runaway kite across town.", genre: "Fantasy", audience: "Children", tone: "Cheerful", chapterCount: 2, wordsPerChapter: 600 } },
    { id: "canal", book: { title: "Still Water", premise: "A lock-keeper investigates bodies at his lock.", genre: "Mystery", audience: "Adult", tone: "Dry", chapterCount: 2, wordsPerChapter: 2000 } },
  ],
  chapters: [
    {
      id: "orchard",
      book: { title: "The Orbital Orchard", premise: "A botanist keeps a ship's AI sane with apple trees.", genre: "Science fiction", audience: "Adult", tone: "Wry", wordsPerChapter: 40 },
      bible: [{ kind: "character", name: "Ines Okafor", aliases: ["Ines"], body: "Botanist." }],
      chapters: [{ title: "Blight", synopsis: "Ines finds a blight.", beats: ["Morning"], summary: "", content: "" }],
      chapterIndex: 0,
    },
  ],
  suggestions: [
    { id: "grammar", task: "grammar", instruction: "Fix grammar, spelling and punctuation. Change nothing else.", passage: "she were tired", expected: "She was tired." },
    { id: "shorter", task: "suggestion", instruction: "Make this shorter.", passage: "It was at that particular moment in time that she knew." },
  ],
};

/** A valid outline for a two-chapter book, as a model would answer. */
export const TWO_CHAPTER_OUTLINE = JSON.stringify({
  title: "The Kite",
  logline: "A girl follows her kite and finds her neighbours.",
  setting: "A small hill town.",
  characters: [{ name: "Pip", role: "Girl", description: "Shy and quick.", aliases: [] }],
  chapters: [
    { title: "Gust", synopsis: "The kite gets away.", beats: ["Wind", "Chase"] },
    { title: "Home", synopsis: "Pip comes home with friends.", beats: ["Return"] },
  ],
});

/** Forty distinct words about Ines: on target for the chapter above, no repeats, no unknown names. */
export const FORTY_WORD_CHAPTER =
  "Ines walked the orchard rows before dawn, counting leaves under the lamps. The oldest tree carried grey spots along every branch, spreading quietly. She knelt, pressed soil between careful fingers, smelled rot, and whispered that nobody aboard must panic yet.";
