// The demo model's answer to a story-bible update request (schema name `bible_updates`): it reads the
// bible lines (`- [kind] Name (also A, B): body`) and the chapter in triple quotes from the prompt,
// and proposes, deterministically and only from what the chapter says:
// - new entries for capitalised names used mid-sentence that no entry has (a place after "in"/"at"…,
//   a thing after "the", a person otherwise), with their first sentence as evidence;
// - one new fact per entry: the first plain sentence (not dialogue) that names it and is not already in its body;
// - contradictions of colour: the bible gives an entry "grey eyes" and a sentence naming it says "blue eyes".

type Entry = { kind: string; name: string; names: string[]; body: string };

const COLOURS = "black|white|grey|gray|blue|green|brown|hazel|amber|red|auburn|golden|fair|dark|silver|violet";
const FEATURES = "eyes|hair|beard|coat|cloak|door|sail|sails|roof|dress|scarf";
const COLOURED = new RegExp(`\\b(${COLOURS})\\s+(${FEATURES})\\b`, "gi");
const NOT_NEW = new Set(
  "The A An And But Or If In On At To Of For With From By As Is It Its This That He She They We You I Me My Our Their His Her Them Then There Here When Where What Which Who Why How Yes No Not Now Once After Before While Still Even Just Only Some Any Every Each All One Two Three Somewhere Nobody Someone Everyone Mr Mrs Ms Dr Sir Lady Lord God Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December".split(" "),
);
const PLACE_LEAD = /\b(?:in|at|from|near|into|towards?|across|beyond|past|through|outside|inside)\s+(?:the\s+)?$/i;
const THING_LEAD = /\b(?:the|a|an|his|her|their|its)\s+$/i;

function parseBible(prompt: string): Entry[] {
  const section = /Story bible:\n([\s\S]*?)\n\s*\n/.exec(prompt)?.[1] ?? "";
  const entries: Entry[] = [];
  for (const line of section.split("\n")) {
    const m = /^- \[([a-z_]+)\] (.+?)(?: \(also ([^)]*)\))?: (.*)$/.exec(line.trim());
    if (!m) continue;
    const aliases = (m[3] ?? "").split(",").map((a) => a.trim()).filter(Boolean);
    const name = m[2]!.trim();
    // "Maren Holt" is also named by "Maren" in prose.
    entries.push({ kind: m[1]!, name, names: [...new Set([name, name.split(" ")[0]!, ...aliases])].filter((n) => n.length >= 3), body: m[4]! });
  }
  return entries;
}

function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?]["”]?)\s+(?=["“A-Z])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const names = (sentence: string, entry: Entry) => entry.names.some((n) => new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(sentence));

export function demoBibleUpdates(prompt: string): string {
  const bible = parseBible(prompt);
  const chapter = /Chapter text:\n"""([\s\S]*)"""/.exec(prompt)?.[1] ?? "";
  const sentences = sentencesOf(chapter);
  const known = new Set(bible.flatMap((e) => e.names.flatMap((n) => [n.toLowerCase(), ...n.toLowerCase().split(" ")])));

  const contradictions: { entry: string; chapterSays: string; bibleSays: string; evidence: string }[] = [];
  for (const entry of bible) {
    for (const [said, colour, feature] of entry.body.matchAll(COLOURED)) {
      const clash = sentences.find((s) => names(s, entry) && [...s.matchAll(COLOURED)].some((m) => m[2]!.toLowerCase() === feature!.toLowerCase() && m[1]!.toLowerCase() !== colour!.toLowerCase()));
      if (!clash) continue;
      const theirs = [...clash.matchAll(COLOURED)].find((m) => m[2]!.toLowerCase() === feature!.toLowerCase())![0];
      contradictions.push({ entry: entry.name, chapterSays: `${entry.name} has ${theirs.toLowerCase()}.`, bibleSays: `${entry.name} has ${said.toLowerCase()}.`, evidence: clash });
    }
  }

  const facts: { entry: string; fact: string; evidence: string }[] = [];
  for (const entry of bible) {
    if (entry.kind === "style_rule" || facts.length >= 5) continue;
    const sentence = sentences.find((s) => names(s, entry) && !/["“”]/.test(s) && s.split(" ").length >= 6 && !entry.body.includes(s) && !contradictions.some((c) => c.evidence === s));
    if (sentence) facts.push({ entry: entry.name, fact: sentence, evidence: sentence });
  }

  const newEntries: { kind: "character" | "place" | "fact"; name: string; description: string; evidence: string }[] = [];
  const re = /(?<![.!?]\s|^|["“]\s?)\b([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,}){0,2})\b/g;
  for (const sentence of sentences) {
    for (let m = re.exec(sentence); m !== null && newEntries.length < 5; m = re.exec(sentence)) {
      const words = m[1]!.split(" ").filter((w) => !NOT_NEW.has(w));
      const name = words.join(" ");
      if (!name || words.some((w) => known.has(w.toLowerCase())) || newEntries.some((n) => n.name === name)) continue;
      const lead = sentence.slice(0, m.index);
      const kind = PLACE_LEAD.test(lead) ? "place" : THING_LEAD.test(lead) ? "fact" : "character";
      newEntries.push({ kind, name, description: `First seen in this chapter: ${sentence}`, evidence: sentence });
    }
    re.lastIndex = 0;
  }
  return JSON.stringify({ newEntries, facts, contradictions: contradictions.slice(0, 5) });
}
