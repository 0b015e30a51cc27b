// The demo model (ARCHITECTURE 4.6): offline, deterministic, behind the same invoker interface as a
// real provider. JSON for any schema it is given, prose near the requested length with the book's
// own people and places, grammar fixes and rewrites for suggestions, an answer to a free prompt, an
// art brief for a cover; streamed word by word at a configurable pace, and cut off at the call's
// token limit with finish reason "length" as a real model would be.
import type { FinishReason, LlmTask, Target } from "../contract";
import { LlmError } from "../errors";
import type { Completion, InvokeIo, ModelInvoker, ProviderCall, StreamPart } from "../providers/types";
import { continuedAnswer } from "../service/continuation";
import { approximateMessageTokens, approximateTokens } from "../tokens";
import { demoBibleUpdates } from "./bible-updates";
import { fixGrammar } from "./grammar";
import { castOf, lastUserMessage, promptText, suggestionParts, targetChapters, targetWords, userText } from "./prompt-facts";
import { demoProse } from "./prose";
import { hashString, seededRandom } from "./random";
import { demoReply } from "./reply";
import { demoRewrite } from "./rewrite";
import { fillSchema, paddedCast } from "./schema-fill";

const DEFAULT_WORDS: Record<LlmTask, number> = {
  outline: 300,
  chapter: 900,
  summary: 120,
  suggestion: 40,
  grammar: 40,
  "cover-prompt": 70,
  // Never asked: the image task does not reach text models (the demo paints nothing; covers stay typographic).
  "cover-image": 0,
  // Never asked: embeddings go through embed(), answered by the demo embedder.
  embedding: 0,
};

/** Quire's own book prompts say what they want ("Target length:", "Write chapter", "Summarise"); anything else is a free prompt. */
function isBookPrompt(text: string): boolean {
  return /target length:|write chapter|summari[sz]e|story bible|premise:/i.test(text);
}

function coverBrief(prompt: string, random: () => number): string {
  const cast = castOf(prompt);
  const who = cast.people[0] ? `${cast.people[0].split(" ")[0]}, a lone figure` : "A lone figure";
  const where = cast.places[0] ?? ["a lighthouse above a grey sea", "a lamplit harbour at dusk", "an orchard under frost"][Math.floor(random() * 3)];
  return `${who} seen from behind, standing before ${where}. Late evening light, long shadows, a muted palette of slate blue and amber, painterly texture with soft brushwork. Portrait format, the figure in the upper half, calm open sky and water in the lower third for the title. No text or lettering.`;
}

/** The whole demo answer for a call, before any token limit. Pure: same call, same text. */
function fullAnswer(call: ProviderCall): string {
  const prompt = promptText(call.messages);
  const random = seededRandom(hashString(`${call.task}\n${prompt}`));
  const cast = castOf(userText(call.messages));
  // A story-bible update is read from the chapter itself, so the proposals are ones an author would accept.
  if (call.json?.name === "bible_updates") return demoBibleUpdates(lastUserMessage(call.messages));
  if (call.json) {
    // A structured grammar check: the selection's paragraphs, each corrected, fill its string array.
    const texts = call.task === "grammar" ? suggestionParts(lastUserMessage(call.messages)).selection.split(/\n\s*\n/).map(fixGrammar) : undefined;
    const value = fillSchema(call.json.zod, { random, cast: paddedCast(cast), chapters: targetChapters(prompt), words: undefined, texts });
    return JSON.stringify(value);
  }
  const lastUser = lastUserMessage(call.messages);
  if (call.task === "suggestion" || call.task === "grammar") {
    const { instruction, selection } = suggestionParts(lastUser);
    if (call.task === "grammar" || /grammar|spelling|typo|proofread|correct|fix/i.test(instruction)) return fixGrammar(selection);
    const context = /Context before the selection[^\n]*\n([\s\S]*?)\n\nInstruction:/.exec(lastUser)?.[1] ?? "";
    return demoRewrite(instruction, selection, random, context);
  }
  if (call.task === "cover-prompt") return coverBrief(lastUser, random);
  if (!isBookPrompt(prompt)) return demoReply(lastUser, random);
  const words = targetWords(lastUser) ?? targetWords(prompt) ?? DEFAULT_WORDS[call.task];
  return demoProse(random, cast, words, continuedAnswer(call.messages));
}

/** The answer cut to the call's token limit, as a real model stops: mid-sentence, with finish reason "length". */
export function demoCompletion(call: ProviderCall): { text: string; finishReason: FinishReason } {
  const text = fullAnswer(call);
  const limit = call.maxTokens;
  if (limit === undefined || approximateTokens(text) <= limit) return { text, finishReason: "stop" };
  const cut = text.slice(0, Math.max(0, limit * 4));
  // End on a whole word, as a tokenizer would; the rest never arrives.
  const atWord = cut.replace(/\s+\S*$/, "");
  return { text: atWord.length > 0 ? atWord : cut, finishReason: "length" };
}

/** The demo answer's text for a call (after its token limit). Pure: same call, same text. */
export function demoAnswer(call: ProviderCall): string {
  return demoCompletion(call).text;
}

function abortable(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function usageOf(call: ProviderCall, text: string) {
  return { inputTokens: approximateMessageTokens(call.messages), outputTokens: approximateTokens(text), cachedInputTokens: 0, estimated: true };
}

export function demoInvoker(options: { delayMs: number }): ModelInvoker {
  return {
    async complete(_target: Target, call: ProviderCall, io: InvokeIo): Promise<Completion> {
      if (io.watchdog.signal.aborted) throw io.watchdog.explain(io.watchdog.signal.reason);
      const { text, finishReason } = demoCompletion(call);
      return { text, finishReason, usage: usageOf(call, text) };
    },
    async *stream(_target: Target, call: ProviderCall, io: InvokeIo): AsyncIterable<StreamPart> {
      const { text, finishReason } = demoCompletion(call);
      const chunks = text.match(/\s*\S+/g) ?? [text];
      io.watchdog.arm("idle");
      for (const chunk of chunks) {
        if (options.delayMs > 0) {
          try {
            await abortable(options.delayMs, io.watchdog.signal);
          } catch (error) {
            throw io.watchdog.explain(error instanceof LlmError ? error : new LlmError("aborted", "demo stream aborted"));
          }
        } else if (io.watchdog.signal.aborted) throw io.watchdog.explain(io.watchdog.signal.reason);
        io.watchdog.arm("idle");
        yield { type: "text", text: chunk };
      }
      yield { type: "finish", reason: finishReason };
      yield { type: "usage", usage: usageOf(call, text) };
    },
  };
}
