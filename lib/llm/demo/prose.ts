// Demo prose: plausible, deterministic paragraphs near a word target, featuring the prompt's names.
import { pick } from "./random";

const FALLBACK_NAMES = ["Mara", "Tomas", "Elin", "Rafe"];
const PLACES = ["the harbour", "the old mill", "the market square", "the north road", "the library", "the orchard", "the station", "the lighthouse"];
const OBJECTS = ["the letter", "a brass key", "the map", "a lantern", "the ledger", "a folded photograph", "the compass", "a sealed box"];
const FEELINGS = ["uneasy", "hopeful", "restless", "certain", "afraid", "curious", "tired", "determined"];
const WEATHER = ["Rain tapped against the windows", "A cold wind came off the water", "The evening light turned the stones gold", "Fog settled over the rooftops", "The morning was bright and sharp", "Thunder rolled somewhere far away"];

type Template = (n: () => string, r: () => number) => string;

const TEMPLATES: Template[] = [
  (n, r) => `${n()} crossed ${pick(r, PLACES)} without looking back.`,
  (n, r) => `${pick(r, WEATHER)}, and ${n()} felt ${pick(r, FEELINGS)}.`,
  (n) => `"We cannot wait much longer," ${n()} said quietly.`,
  (n, r) => `${n()} turned ${pick(r, OBJECTS)} over in both hands, searching for the mark that everyone had missed.`,
  (n) => `It was ${n()} who noticed the door had been left open.`,
  (n, r) => `For a long moment nobody spoke, and the silence in ${pick(r, PLACES)} grew heavy.`,
  (n, r) => `${n()} remembered the promise made years ago and felt ${pick(r, FEELINGS)} all over again.`,
  (n) => `"You knew," ${n()} said. "You knew all along."`,
  (n, r) => `They followed the path past ${pick(r, PLACES)}, counting every step.`,
  (n, r) => `${n()} laughed, though it sounded ${pick(r, FEELINGS)} even to ${n()}.`,
  (n, r) => `Somewhere behind them ${pick(r, OBJECTS)} slipped to the floor, and ${n()} froze.`,
  (n) => `The answer had been in front of ${n()} the whole time.`,
  (n) => `By nightfall ${n()} had made a decision that could not be undone.`,
  (n, r) => `${n()} wrote three words in the margin of ${pick(r, OBJECTS)} and hid it again.`,
];

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Paragraphs of 4-6 sentences until the word target is reached (stops at a sentence end). */
export function demoProse(random: () => number, names: string[], words: number): string {
  const cast = names.length > 0 ? names.slice(0, 6) : FALLBACK_NAMES;
  const name = () => pick(random, cast);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < words) {
    const sentences: string[] = [];
    const length = 4 + Math.floor(random() * 3);
    for (let i = 0; i < length && total < words; i++) {
      const sentence = pick(random, TEMPLATES)(name, random);
      sentences.push(sentence);
      total += countWords(sentence);
    }
    paragraphs.push(sentences.join(" "));
  }
  return paragraphs.join("\n\n");
}

/** A one-line rewrite instruction handled deterministically (not grammar): shorter, longer, or tightened. */
export function demoRewrite(instruction: string, selection: string): string {
  const sentences = selection.match(/[^.!?]+[.!?]*\s*/g) ?? [selection];
  if (/short|concise|trim|cut|tighten/i.test(instruction)) {
    const kept = sentences.slice(0, Math.max(1, Math.ceil(sentences.length / 2))).join("").trim();
    return kept.replace(/\b(very|really|just|quite|rather|somewhat|actually|basically)\s+/gi, "");
  }
  if (/long|expand|elaborate|detail|more/i.test(instruction)) {
    return `${selection.trim()} The moment stretched, quiet and full of things nobody was ready to say.`;
  }
  if (/formal/i.test(instruction)) {
    return selection.replace(/\bcan't\b/g, "cannot").replace(/\bdon't\b/g, "do not").replace(/\bwon't\b/g, "will not").replace(/\bit's\b/g, "it is");
  }
  // Default: a light stylistic pass that keeps the meaning.
  return selection
    .replace(/\bvery (\w+)/gi, "$1")
    .replace(/\bsaid\b/g, "murmured")
    .replace(/\bwalked\b/g, "strode")
    .replace(/\blooked\b/g, "glanced")
    .replace(/\bbig\b/g, "vast")
    .replace(/\bsmall\b/g, "slight")
    .trim();
}
