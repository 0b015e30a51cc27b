// Demo prose: plausible, deterministic paragraphs near a word target, featuring the book's own people
// and places. A person's full name is used at first mention and the first name after that.
import type { Cast } from "./prompt-facts";
import { pick } from "./random";

export const FALLBACK_PEOPLE = ["Mara Quill", "Tomas Venn", "Elin Hart", "Rafe Lowry", "Ines Ward", "Cal Morrow"];
const PLACES = ["the harbour", "the old mill", "the market square", "the north road", "the library", "the orchard", "the station", "the lighthouse"];
const OBJECTS = ["the letter", "a brass key", "the map", "a lantern", "the ledger", "a folded photograph", "the compass", "a sealed box"];
const FEELINGS = ["uneasy", "hopeful", "restless", "certain", "afraid", "curious", "tired", "determined"];
const WEATHER = ["Rain tapped against the windows", "A cold wind came off the water", "The evening light turned the stones gold", "Fog settled over the rooftops", "The morning was bright and sharp", "Thunder rolled somewhere far away"];

/** Who and where a piece of demo prose is about; remembers who has been introduced. */
export class Storyteller {
  private readonly people: string[];
  private readonly places: string[];
  private readonly introduced = new Set<string>();
  constructor(
    readonly random: () => number,
    cast: Partial<Cast> = {},
  ) {
    this.people = cast.people && cast.people.length > 0 ? cast.people.slice(0, 6) : FALLBACK_PEOPLE.slice(0, 4);
    this.places = cast.places ?? [];
  }
  person(): string {
    const full = pick(this.random, this.people);
    if (this.introduced.has(full)) return full.split(" ")[0]!;
    this.introduced.add(full);
    return full;
  }
  /** The book's places most of the time, a generic one otherwise (so prose never runs out). */
  place(): string {
    return this.places.length > 0 && this.random() < 0.6 ? pick(this.random, this.places) : pick(this.random, PLACES);
  }
}

type Template = (s: Storyteller) => string;
const r = (s: Storyteller) => s.random;

const TEMPLATES: Template[] = [
  (s) => `${s.person()} crossed ${s.place()} without looking back.`,
  (s) => `${pick(r(s), WEATHER)}, and ${s.person()} felt ${pick(r(s), FEELINGS)}.`,
  (s) => `"We cannot wait much longer," ${s.person()} said quietly.`,
  (s) => `${s.person()} turned ${pick(r(s), OBJECTS)} over in both hands, searching for the mark that everyone had missed.`,
  (s) => `It was ${s.person()} who noticed the door had been left open.`,
  (s) => `For a long moment nobody spoke, and the silence in ${s.place()} grew heavy.`,
  (s) => `${s.person()} remembered the promise made years ago and felt ${pick(r(s), FEELINGS)} all over again.`,
  (s) => `"You knew," ${s.person()} said. "You knew all along."`,
  (s) => `They followed the path past ${s.place()}, counting every step.`,
  (s) => {
    const who = s.person();
    return `${who} laughed, though it sounded ${pick(r(s), FEELINGS)} even to ${who.split(" ")[0]}.`;
  },
  (s) => `Somewhere behind them ${pick(r(s), OBJECTS)} slipped to the floor, and ${s.person()} froze.`,
  (s) => `The answer had been in front of ${s.person()} the whole time.`,
  (s) => `By nightfall ${s.person()} had made a decision that could not be undone.`,
  (s) => `${s.person()} wrote three words in the margin of ${pick(r(s), OBJECTS)} and hid it again.`,
  (s) => `Nobody in ${s.place()} had seen ${s.person()} so quiet.`,
];

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const lastTemplate = new WeakMap<Storyteller, Template>();

/** One sentence of demo prose (never the same pattern twice in a row). */
export function demoSentence(teller: Storyteller): string {
  let template = pick(teller.random, TEMPLATES);
  if (template === lastTemplate.get(teller)) template = TEMPLATES[(TEMPLATES.indexOf(template) + 1) % TEMPLATES.length]!;
  lastTemplate.set(teller, template);
  return capitalise(template(teller));
}

/**
 * Paragraphs of 4-6 sentences until the word target is reached (stops at a sentence end). `written`:
 * text this prose continues; as a model told "do not repeat any of it" should, no sentence of it is
 * written again.
 */
export function demoProse(random: () => number, cast: Partial<Cast>, words: number, written = ""): string {
  const teller = new Storyteller(random, cast);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < words) {
    const sentences: string[] = [];
    const length = 4 + Math.floor(random() * 3);
    for (let i = 0; i < length && total < words; i++) {
      let sentence = demoSentence(teller);
      // A few draws always find a new one (the patterns' fills multiply); the bound keeps this total.
      for (let tries = 0; tries < 20 && written.includes(sentence); tries++) sentence = demoSentence(teller);
      sentences.push(sentence);
      total += countWords(sentence);
    }
    paragraphs.push(sentences.join(" "));
  }
  return paragraphs.join("\n\n");
}
