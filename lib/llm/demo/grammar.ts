// The demo model's grammar fixer: the common, mechanical mistakes a writer expects a "fix grammar"
// suggestion to catch, applied deterministically.

const MISSPELLINGS: Record<string, string> = {
  teh: "the",
  recieve: "receive",
  recieved: "received",
  beleive: "believe",
  occured: "occurred",
  seperate: "separate",
  definately: "definitely",
  untill: "until",
  wich: "which",
  becuase: "because",
  thier: "their",
  alot: "a lot",
  goverment: "government",
  wierd: "weird",
  tommorow: "tomorrow",
  accomodate: "accommodate",
  adress: "address",
  begining: "beginning",
  calender: "calendar",
  existance: "existence",
  freind: "friend",
  occassion: "occasion",
  truely: "truly",
  dont: "don't",
  doesnt: "doesn't",
  didnt: "didn't",
  cant: "can't",
  wont: "won't",
  im: "I'm",
  ive: "I've",
};

function keepCase(original: string, replacement: string): string {
  return original[0] === original[0]!.toUpperCase() && original[0] !== original[0]!.toLowerCase()
    ? replacement[0]!.toUpperCase() + replacement.slice(1)
    : replacement;
}

export function fixGrammar(text: string): string {
  let out = text;
  out = out.replace(/\b[A-Za-z]+\b/g, (word) => {
    const fix = MISSPELLINGS[word.toLowerCase()];
    return fix ? keepCase(word, fix) : word;
  });
  out = out.replace(/\b(could|should|would|must|might) of\b/gi, "$1 have");
  // Doubled words ("the the", also once a misspelling is fixed), keeping the first one's case.
  out = out.replace(/\b(\w+)(\s+\1\b)+/gi, "$1");
  // Lone lowercase "i" and its contractions.
  out = out.replace(/\bi\b(?=[\s,.;:!?']|$)/g, "I");
  // Spaces: collapse runs, none before punctuation, one after it.
  out = out.replace(/[ \t]{2,}/g, " ").replace(/\s+([,.;:!?])/g, "$1").replace(/([,;:])(?=[A-Za-z])/g, "$1 ")
    .replace(/([a-z]{2,})([.!?])([A-Za-z]{2,})/g, "$1$2 $3");
  // Capitalise the first letter of the text and of every sentence.
  out = out.replace(/(^\s*|[.!?]\s+)([a-z])/g, (_, lead: string, letter: string) => lead + letter.toUpperCase());
  out = out.trim();
  // End with punctuation when the selection is a full sentence without it.
  if (/[A-Za-z]$/.test(out) && out.split(/\s+/).length >= 4) out += ".";
  return out;
}
