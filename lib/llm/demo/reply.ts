// The demo model's answer to a free prompt (the playground, the API): it does what the prompt asks
// in the way an offline sample model can. A request to write something writes it, about what was
// asked; a rewrite instruction with quoted text rewrites the text; a question gets an honest answer
// that says what the demo model cannot do.
import { fixGrammar } from "./grammar";
import { castOf, targetWords } from "./prompt-facts";
import { demoProse, demoSentence, Storyteller } from "./prose";
import { demoRewrite } from "./rewrite";

function topicOf(prompt: string): string | undefined {
  const m = /\b(?:about|on|of|featuring|describing)\s+([^.?!\n]{3,80})/i.exec(prompt);
  return m?.[1]?.trim().replace(/[,;:]$/, "");
}

function quotedText(prompt: string): string | undefined {
  return (/"""([\s\S]+?)"""/.exec(prompt) ?? /“([^”]{3,})”/.exec(prompt) ?? /"([^"]{3,})"/.exec(prompt) ?? /:\s*\n([\s\S]{3,})$/.exec(prompt))?.[1]?.trim();
}

function lengthOf(prompt: string): number {
  const words = targetWords(prompt);
  if (words) return words;
  if (/\b(one|a single|1) sentence\b/i.test(prompt)) return 1;
  if (/\b(haiku|line|title|tagline|logline)\b/i.test(prompt)) return 12;
  if (/\b(short|brief|paragraph)\b/i.test(prompt)) return 70;
  return 120;
}

/** A piece of writing about the topic: an opening line that names it, then prose at the asked length. */
function writeAbout(prompt: string, random: () => number): string {
  const cast = castOf(prompt);
  const topic = topicOf(prompt);
  const words = lengthOf(prompt);
  const teller = new Storyteller(random, cast);
  if (/\bhaiku\b/i.test(prompt)) return `${topic ?? "the quiet harbour"},\nstill under a low grey sky.\n${teller.person()} waits.`;
  const opening = topic ? `${teller.person()} had thought about ${topic} all day.` : demoSentence(teller);
  if (words <= 20) return opening;
  return `${opening} ${demoProse(random, cast, Math.max(10, words - opening.split(/\s+/).length))}`;
}

export function demoReply(prompt: string, random: () => number): string {
  const text = prompt.trim();
  const quoted = quotedText(text);
  if (quoted && /\b(fix|correct|proofread|grammar|spelling)\b/i.test(text)) return fixGrammar(quoted);
  if (quoted && /\b(rewrite|shorten|shorter|longer|expand|improve|simplify|clarify|tone|formal|casual|continue)\b/i.test(text)) {
    return demoRewrite(text.split("\n")[0]!, quoted, random);
  }
  if (/\b(write|tell|describe|compose|draft|give me|create|imagine|story|scene|poem|haiku|paragraph)\b/i.test(text)) return writeAbout(text, random);
  if (/^(hi|hello|hey|good (morning|afternoon|evening))\b/i.test(text)) {
    return "Hello! This is Quire's demo model. It runs offline and writes sample prose: ask it to write a scene, a paragraph about something, or to shorten or fix a quoted passage.";
  }
  const question = text.replace(/\s+/g, " ").slice(0, 120);
  const topic = topicOf(text);
  return `You asked: “${question}” This is Quire's demo model, which runs offline and cannot look things up, so it has no real answer to give. It can write sample prose, for example “Write a short scene about ${topic && topic.length < 40 ? topic : "a lighthouse keeper"}”, or shorten and fix a quoted passage. Connect a real model for real answers.`;
}
