// What the demo model reads from a prompt: the requested length, chapter count, the book's cast
// (people and places named in its premise, plan and story bible, never the form's labels), and a
// suggestion's instruction and selection. Prompt conventions are documented in docs/llm.md.
import type { ChatMessage } from "../contract";

const NOT_NAMES = new Set(
  "The A An And But Or If In On At To Of For With From By As Is It Its This That These Those He She They We You Your I Me My Our Their His Her Them Then There Here When Where What Which Who Why How Write Chapter Chapters Book Title Target Length Words Word Outline Story Bible Summary Return Respond Use Keep Make Do Not No Yes Please Premise Genre Audience Tone Synopsis Previous Next Instruction Selection Text JSON Schema Continue Rewrite Fix Grammar Cover Prompt Image Part Act Scene Character Characters Place Places Fact Facts Style Rule Rules System User Assistant Only One Two Three Each Every All Some Any Into After Before During While Also Still Now Once Fantasy Mystery Romance Thriller Adult Adults Young Children Novel Setting Beats Beat Working Plan Give Candidate Context Target Fiction Literary Historical Horror Warm Dark Light Cosy Cozy Hopeful Bleak Sad Happy Funny Tense Serious Playful Teen Teens Readers General Science Sci Fi Sunday Monday Tuesday Wednesday Thursday Friday Saturday January February March April May June July August September October November December Nothing Nobody Everyone Someone Something Somewhere Everything Anyone Later Soon Today Tonight Tomorrow Yesterday Meanwhile Suddenly Finally First Last Second Third Mr Mrs Ms Dr Sir Lady Lord Miss Chapter God Years Days Nights Long Many Most Few Across Along Around Inside Outside Under Over Until Since Because Although Though Yet So Soon Even Just Only Together Alone Without Within Behind Beyond Between Among Against".split(
    " ",
  ),
);

/** Labelled lines that carry the form's settings, not the story: never a source of names. */
const FORM_LABELS = /^(working title|title|genre|audience|tone|chapters?|chapter count|book|target length|instruction|candidate \d+|each chapter|words per chapter|model|format)$/i;
/** A capitalised word after these is a place or thing ("in Marylebone", "the Analytical Engine"), not a person. */
const PLACE_LEAD = /\b(?:in|at|from|near|across|into|beyond|outside|inside|through|towards?|of|the|over|under|above|below|past)\s+$/i;

export function promptText(messages: ChatMessage[]): string {
  return messages.map((m) => m.content).join("\n");
}

export function lastUserMessage(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.role === "user") return messages[i]!.content;
  return "";
}

/** "Target length: 1200 words", "about 800 words", "1,500-word chapter". */
export function targetWords(text: string): number | undefined {
  const explicit = /target length:\s*([\d,]+)\s*words?/i.exec(text) ?? /([\d,]{2,7})[\s-]*words?\b/i.exec(text);
  if (!explicit) return undefined;
  const n = Number(explicit[1]!.replace(/,/g, ""));
  return Number.isFinite(n) && n > 0 ? Math.min(n, 20_000) : undefined;
}

export function targetChapters(text: string): number | undefined {
  const m = /(?:chapter count|chapters):\s*(\d{1,3})/i.exec(text) ?? /\b(\d{1,3})\s+chapters\b/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > 0 ? Math.min(n, 60) : undefined;
}

type Tally = Map<string, { person: number; place: number }>;

function tally(into: Tally, name: string, kind: "person" | "place", weight: number) {
  const entry = into.get(name) ?? { person: 0, place: 0 };
  entry[kind] += weight;
  into.set(name, entry);
}

/** Capitalised runs inside one line of prose ("Ada Lovelace", "Marylebone"), never across a line break. */
function scanProse(line: string, into: Tally) {
  const re = /\b[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}\b/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    const lead = line.slice(0, m.index);
    const atSentenceStart = /(^|[.!?:;"“]\s*|^\s*-\s*)$/.test(lead);
    let words = m[0].split(" ");
    // "The Ledger", "A Winter Crossing": a thing or a title, never a person.
    if (/^(The|A|An)$/.test(words[0]!)) continue;
    while (words.length > 0 && NOT_NAMES.has(words[0]!)) words = words.slice(1);
    while (words.length > 0 && NOT_NAMES.has(words[words.length - 1]!)) words = words.slice(0, -1);
    if (words.length === 0 || words.some((w) => NOT_NAMES.has(w) || w.length < 3)) continue;
    const trimmedLead = words.length === m[0].split(" ").length;
    const name = words.join(" ");
    // A word seen only at sentence starts is probably not a name, unless it reads like one: two
    // capitalised words, an appositive ("Maren, a keeper"), a possessive, or a verb after it ("Maren finds").
    const after = line.slice(m.index + m[0].length);
    const readsLikeName = words.length > 1 || /^(,\s+(a|an|the|her|his|their)\b|['’]s\b|\s+(and|finds|discovers|must|has|is|was|learns|keeps|returns|meets|writes)\b)/.test(after);
    // A plain sentence opener counts for nothing, however often it recurs ("Fog settled…").
    const weight = atSentenceStart && trimmedLead && !readsLikeName ? 0 : 1;
    tally(into, name, PLACE_LEAD.test(lead) && trimmedLead ? "place" : "person", weight);
  }
}

function listItems(value: string): string[] {
  return value
    .split(/;|\band\b/)
    .map((item) => /^\s*([A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2})/.exec(item)?.[1])
    .filter((n): n is string => !!n && !NOT_NAMES.has(n));
}

export type Cast = { people: string[]; places: string[] };

/**
 * The people and places of the book the prompt is about: story bible entries and "Characters:" /
 * "Place:" lists first, then names used in the premise, plan and text. Lines that hold the form's
 * settings (genre, audience, tone, title) are skipped, and a name never spans a line break.
 */
export function castOf(text: string): Cast {
  const people: Tally = new Map();
  const places: Tally = new Map();
  const phrasePlaces: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const bible = /^-\s*(Character|Place|Fact|Style rule):\s*([^:(]+?)\s*(?:\(also [^)]*\))?:\s*(.*)$/.exec(line);
    if (bible) {
      const [, kind, name, body] = bible;
      if (kind === "Character" && name && !NOT_NAMES.has(name)) tally(people, name, "person", 5);
      else if (kind === "Place" && name && name !== "Setting" && !NOT_NAMES.has(name)) tally(places, name, "place", 5);
      if (kind !== "Style rule") {
        scanProse(body ?? "", people);
        collectPhrasePlaces(body ?? "", phrasePlaces);
      }
      continue;
    }
    const labelled = /^([A-Za-z][A-Za-z ]{1,28}?)\s*:\s*(.*)$/.exec(line);
    if (labelled && FORM_LABELS.test(labelled[1]!)) continue;
    if (/^write chapter \d+ of \d+/i.test(line)) continue;
    if (labelled && /^characters?$/i.test(labelled[1]!)) {
      for (const n of listItems(labelled[2]!)) tally(people, n, "person", 5);
      continue;
    }
    if (labelled && /^(places?|setting|locations?)$/i.test(labelled[1]!)) {
      const value = labelled[2]!.replace(/[.;]\s*$/, "").trim();
      if (value) phrasePlaces.push(value);
      continue;
    }
    // Chapter titles ("Chapter 2 (The Ledger of Maren): …", "Summarise this chapter (…)") are not prose.
    const prose = (labelled ? labelled[2]! : line).replace(/^(Chapter \d+|Summari[sz]e this chapter)\s*\([^)]*\)/i, "$1");
    scanProse(prose, people);
    collectPhrasePlaces(prose, phrasePlaces);
  }
  // Names tallied as places from prose ("in Marylebone") move to the places.
  for (const [name, t] of people) {
    if (t.place > t.person) {
      people.delete(name);
      tally(places, name, "place", t.place);
    }
  }
  return { people: mergeParts(ranked(people, "person")), places: unique([...ranked(places, "place"), ...phrasePlaces]) };
}

/** "set in a harbour town", "takes place in ..." give a place phrase the prose can use as is. */
function collectPhrasePlaces(text: string, into: string[]) {
  const m = /\b(?:set|takes place|lives|lived|works)\s+(?:in|on|at|around|near)\s+((?:the|a|an)\s+[^.,;:!?]{3,60})/i.exec(text);
  // "a harbour town on a cold northern coast" → "the harbour town": short enough to reuse in a sentence.
  if (m) into.push(m[1]!.trim().split(/\s+(?:on|in|at|near|by|with|where|that|which|beside|under)\s+/)[0]!.replace(/^an?\s+/i, "the "));
}

function ranked(t: Tally, kind: "person" | "place"): string[] {
  return [...t.entries()]
    .filter(([, v]) => v[kind] >= 1)
    .sort((a, b) => b[1][kind] - a[1][kind] || a[0].localeCompare(b[0]))
    .map(([name]) => name);
}

/** "Ada" and "Ada Lovelace" are one person: keep the full name. */
function mergeParts(names: string[]): string[] {
  return names.filter((n) => !names.some((other) => other !== n && other.split(" ").includes(n) && other.split(" ")[0] === n.split(" ")[0]));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/** The people named in a text (used by older callers and tests). */
export function namesIn(text: string): string[] {
  return castOf(text).people;
}

/** The text of a conversation's user turns: the cast comes from what the writer gave, not the system rules. */
export function userText(messages: ChatMessage[]): string {
  return messages.filter((m) => m.role === "user").map((m) => m.content).join("\n");
}

/** A suggestion request: `Instruction: ...` and the selection in <selection> tags, a `Selection:`/`Text:` block, or quotes. */
export function suggestionParts(text: string): { instruction: string; selection: string } {
  const instruction = /instruction:\s*(.+)/i.exec(text)?.[1]?.trim() ?? "";
  const tagged = /<selection>([\s\S]*?)<\/selection>/i.exec(text)?.[1];
  const labelled = /(?:selection|text):\s*\n?([\s\S]+?)(?:\n\s*\n|$)/i.exec(text)?.[1];
  const quoted = /"""([\s\S]+?)"""/.exec(text)?.[1] ?? /“([^”]+)”/.exec(text)?.[1] ?? /"([^"]{3,})"/.exec(text)?.[1];
  const selection = (tagged ?? labelled ?? quoted ?? text).trim();
  return { instruction: instruction || text.split("\n")[0]!.trim(), selection };
}
