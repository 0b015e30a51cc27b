// The demo model (ARCHITECTURE 4.6): offline, deterministic, behind the same invoker interface as a
// real provider. JSON for any schema it is given, prose near the requested length using the
// prompt's names, grammar fixes and rewrites for suggestions; streamed word
// by word at a configurable pace.
import type { LlmTask, Target } from "../contract";
import { LlmError } from "../errors";
import type { Completion, InvokeIo, ModelInvoker, ProviderCall, StreamPart } from "../providers/types";
import { approximateMessageTokens, approximateTokens } from "../tokens";
import { fixGrammar } from "./grammar";
import { lastUserMessage, namesIn, promptText, suggestionParts, targetChapters, targetWords } from "./prompt-facts";
import { demoProse, demoRewrite } from "./prose";
import { hashString, seededRandom } from "./random";
import { fillSchema } from "./schema-fill";

const DEFAULT_WORDS: Record<LlmTask, number> = {
  outline: 300,
  chapter: 900,
  summary: 120,
  suggestion: 40,
  grammar: 40,
  "cover-prompt": 40,
  // Never asked: the image task does not reach text models (the demo paints nothing; covers stay typographic).
  "cover-image": 0,
};

/** The whole demo answer for a call. Pure: same call, same text. */
export function demoAnswer(call: ProviderCall): string {
  const prompt = promptText(call.messages);
  const random = seededRandom(hashString(`${call.task}\n${prompt}`));
  const names = namesIn(prompt);
  if (call.json) {
    const value = fillSchema(call.json.zod, { random, names, chapters: targetChapters(prompt), words: undefined });
    return JSON.stringify(value);
  }
  const lastUser = lastUserMessage(call.messages);
  if (call.task === "suggestion" || call.task === "grammar") {
    const { instruction, selection } = suggestionParts(lastUser);
    if (call.task === "grammar" || /grammar|spelling|typo|proofread|correct|fix/i.test(instruction)) return fixGrammar(selection);
    return demoRewrite(instruction, selection);
  }
  let words = targetWords(lastUser) ?? targetWords(prompt) ?? DEFAULT_WORDS[call.task];
  // Respect max tokens (about 0.75 words per token), as a real model would stop.
  if (call.maxTokens !== undefined) words = Math.min(words, Math.max(1, Math.floor(call.maxTokens * 0.75)));
  return demoProse(random, names, words);
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
      const text = demoAnswer(call);
      return { text, finishReason: "stop", usage: usageOf(call, text) };
    },
    async *stream(_target: Target, call: ProviderCall, io: InvokeIo): AsyncIterable<StreamPart> {
      const text = demoAnswer(call);
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
      yield { type: "finish", reason: "stop" };
      yield { type: "usage", usage: usageOf(call, text) };
    },
  };
}
