// A model's answer to Quire's outline request, as a schema-following server gives it: the book's
// title, logline, setting, characters (with aliases) and one entry per chapter. Used by the tests
// that play such a server (the outline integration test, the real-models e2e).
export type OutlineChapterAnswer = { title: string; synopsis: string; beats: string[] };

export function lampRoomOutline(chapters: OutlineChapterAnswer[]) {
  return {
    title: "The Lamp Room",
    logline: "A keeper finds letters that should not exist.",
    setting: "A lighthouse on the cold north coast of Vell.",
    characters: [
      { name: "Maren Holt", role: "protagonist", description: "The keeper, careful and alone.", aliases: ["Maren"] },
      { name: "Ivo Brand", role: "rival", description: "The harbourmaster who wants the light closed.", aliases: [] },
    ],
    chapters,
  };
}
