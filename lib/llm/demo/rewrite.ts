// The demo model's answers to suggestion instructions (other than grammar): each does what the
// instruction says in a small, visible, deterministic way. Shorter is shorter, longer is longer,
// improve/clarity/tone change words or sentences; paragraphs stay paragraphs. Text that offers
// nothing to change comes back unchanged, which the editor shows as "no changes suggested".
import { castOf, targetWords } from "./prompt-facts";
import { demoSentence, Storyteller } from "./prose";
import { pick } from "./random";

type Rule = [RegExp, string | ((match: string, ...groups: string[]) => string)];

const FILLERS = /\b(very|really|just|quite|rather|somewhat|actually|basically|literally|totally|simply)\s+(?=\w)/gi;

/** Stronger verbs and plainer words, with alternatives so a second candidate can differ. */
const STRONGER: Array<[RegExp, string[]]> = [
  [/\bwalked\b/g, ["strode", "paced"]],
  [/\bcrossed\b/g, ["strode across", "hurried across"]],
  [/\blooked at\b/g, ["studied", "eyed"]],
  [/\blooked\b/g, ["glanced", "peered"]],
  [/\bwent\b/g, ["headed", "set off"]],
  [/\bran\b/g, ["raced", "bolted"]],
  [/\bnoticed\b/g, ["spotted", "caught sight of"]],
  [/\bremembered\b/g, ["recalled", "thought back to"]],
  [/\blaughed\b/g, ["chuckled", "gave a short laugh"]],
  [/\bwrote\b/g, ["scrawled", "pencilled"]],
  [/\bsaw\b/g, ["spotted", "glimpsed"]],
  [/\bbig\b/g, ["vast", "hulking"]],
  [/\bsmall\b/g, ["slight", "narrow"]],
  [/\bturned\b/g, ["twisted", "rolled"]],
  [/\bsaid quietly\b/g, ["murmured", "said under her breath"]],
  [/\bgrew heavy\b/g, ["thickened", "pressed in"]],
  [/\bstarted to\b/g, ["began to", "set out to"]],
  [/\bgot\b/g, ["took", "fetched"]],
];

const CLEARER: Rule[] = [
  [/\bIt was (\w+(?: \w+)?) who (\w+)/g, (_m, who: string, verb: string) => `${who} ${verb}`],
  [/\bin order to\b/gi, "to"],
  [/\bdue to the fact that\b/gi, "because"],
  [/\bat this point in time\b/gi, "now"],
  [/\bthe fact that\b/gi, "that"],
  [/\bfor a long moment\b/gi, "for a while"],
  [/\bwithout looking back\b/g, "and did not look back"],
];

const TONES: Array<{ when: RegExp; rules: Rule[]; coda: string[] }> = [
  { when: /formal/i, rules: [[/\bcan't\b/g, "cannot"], [/\bdon't\b/g, "do not"], [/\bwon't\b/g, "will not"], [/\bit's\b/g, "it is"], [/\bdidn't\b/g, "did not"], [/\bgot\b/g, "obtained"], [/\bkids\b/g, "children"]], coda: ["The matter, it seemed, required attention."] },
  { when: /casual|informal/i, rules: [[/\bcannot\b/g, "can't"], [/\bdo not\b/g, "don't"], [/\bwill not\b/g, "won't"], [/\bdid not\b/g, "didn't"], [/\bIt is\b/g, "It's"], [/\bcould not\b/g, "couldn't"]], coda: ["Honestly, that was that."] },
  { when: /warm/i, rules: [[/\bsaid quietly\b/g, "said gently"], [/\bcold\b/g, "cool"], [/\bafraid\b/g, "anxious"], [/\bfroze\b/g, "paused"], [/\bheavy\b/g, "soft"]], coda: ["It felt, somehow, like coming home."] },
  { when: /dark/i, rules: [[/\bbright\b/g, "pale"], [/\bgold\b/g, "grey"], [/\bhopeful\b/g, "wary"], [/\blaughed\b/g, "laughed without joy"], [/\bquietly\b/g, "coldly"]], coda: ["Something in the dark was listening."] },
  { when: /playful/i, rules: [[/\bsaid quietly\b/g, "said with a grin"], [/\bfroze\b/g, "froze like a startled cat"], [/\bafraid\b/g, "a little jumpy"]], coda: ["Naturally, nothing went to plan."] },
  { when: /suspense/i, rules: [[/\bquietly\b/g, "in a low voice"], [/\bslipped\b/g, "clattered"], [/\bnoticed\b/g, "saw, too late,"]], coda: ["Then the footsteps stopped."] },
];

function applyRules(text: string, rules: Rule[]): string {
  return rules.reduce((out, [re, to]) => out.replace(re, to as string), text);
}

function perParagraph(selection: string, fn: (paragraph: string, index: number) => string): string {
  return selection
    .split(/(\n\s*\n)/)
    .map((part, i) => (i % 2 === 1 || !part.trim() ? part : fn(part, i / 2)))
    .join("");
}

function sentencesOf(text: string): string[] {
  return text.match(/[^.!?]+[.!?]+["”’)]*\s*|[^.!?]+$/g) ?? [text];
}

function improve(text: string, random: () => number): string {
  let out = text.replace(FILLERS, "");
  for (const [re, options] of STRONGER) out = out.replace(re, () => pick(random, options));
  return out;
}

function clarify(text: string, random: () => number): string {
  let out = applyRules(text, CLEARER);
  // One idea per sentence: a long "…, and …" sentence becomes two.
  out = sentencesOf(out)
    .map((s) => (s.split(/\s+/).length > 12 ? s.replace(/, and (\w)/, (_m, c: string) => `. ${c.toUpperCase()}`) : s))
    .join("");
  return out === text ? improve(text, random) : out;
}

function shorten(text: string): string {
  const sentences = sentencesOf(text);
  let out = sentences.length > 1 ? sentences.slice(0, Math.ceil(sentences.length / 2)).join("").trim() : text.trim();
  out = out.replace(FILLERS, "");
  if (out.length < text.trim().length) return out;
  // One sentence with nothing to trim: drop its last clause.
  const clause = /^(.{12,}?),[^,]+?([.!?]["”’)]*)?$/.exec(out);
  if (clause) return `${clause[1]}${clause[2] ?? ""}`;
  const words = out.split(/\s+/);
  if (words.length > 6) return `${words.slice(0, Math.ceil(words.length * 0.7)).join(" ").replace(/[,;:]$/, "")}.`;
  return text;
}

/** Two more sentences, or as many as reach a length the instruction names ("expand this to 400 words"). */
function lengthen(text: string, teller: Storyteller, wantedWords = 0): string {
  let out = `${text.trimEnd()} ${demoSentence(teller)} ${demoSentence(teller)}`;
  while (out.split(/\s+/).length < wantedWords) out += ` ${demoSentence(teller)}`;
  return out;
}

function retone(text: string, instruction: string, random: () => number): string {
  const tone = TONES.find((t) => t.when.test(instruction));
  if (!tone) return improve(text, random);
  const out = applyRules(text, tone.rules);
  return out === text ? `${text.trimEnd()} ${pick(random, tone.coda)}` : out;
}

/** New sentences that carry on from the anchor, with its people (never a repeat of the anchor). */
export function demoContinuation(anchor: string, random: () => number): string {
  const teller = new Storyteller(random, castOf(anchor));
  const count = 1 + Math.floor(random() * 3);
  return Array.from({ length: count }, () => demoSentence(teller)).join(" ");
}

/** A suggestion instruction applied to the selection, deterministically. */
export function demoRewrite(instruction: string, selection: string, random: () => number, context = ""): string {
  if (/continue/i.test(instruction)) return demoContinuation(selection, random);
  if (/short|concise|trim|\bcut\b|tighten|condense/i.test(instruction)) return perParagraph(selection, shorten);
  if (/longer|expand|elaborate|detail/i.test(instruction)) {
    const teller = new Storyteller(random, castOf(`${context}\n${selection}`));
    const paragraphs = selection.split(/\n\s*\n/);
    paragraphs[paragraphs.length - 1] = lengthen(paragraphs[paragraphs.length - 1]!, teller, targetWords(instruction));
    return paragraphs.join("\n\n");
  }
  if (/clarity|clearer|plain|simplif/i.test(instruction)) return perParagraph(selection, (p) => clarify(p, random));
  if (/tone|formal|casual|warm|dark|playful|suspense/i.test(instruction)) {
    // A coda sentence goes once, at the end, not after every paragraph.
    const paragraphs = selection.split(/\n\s*\n/);
    const changed = paragraphs.map((p) => applyRules(p, TONES.find((t) => t.when.test(instruction))?.rules ?? []));
    if (changed.join("\n\n") !== paragraphs.join("\n\n")) return changed.join("\n\n");
    return retone(selection, instruction, random);
  }
  return perParagraph(selection, (p) => improve(p, random));
}
