/**
 * Continue writing puts the model's words at the cursor. Models answer with or without a leading
 * space, and in lower case after a full stop; this joins them the way a writer would type them:
 * one space at a word or sentence boundary (none after a space or at a paragraph's start, none
 * before punctuation), a capital after a sentence's end, and a space before the text that follows
 * the cursor. Never a double space, never "say.slipped".
 */
const SENTENCE_END = /[.!?…]["”’)\]]*$/;
const NO_SPACE_BEFORE = /^[,.;:!?…)\]”’'-]/;

export function joinContinuation(before: string, text: string, after = ""): string {
  let out = text.replace(/[ \t]{2,}/g, " ").replace(/^[ \t]+/, "");
  if (!out.trim()) return "";
  const atStart = before === "" || /\n\s*$/.test(before) || before.trim() === "";
  const afterSpace = /\s$/.test(before);
  const endedSentence = SENTENCE_END.test(before.trimEnd());
  if ((atStart || endedSentence) && /^[a-z]/.test(out)) out = out[0]!.toUpperCase() + out.slice(1);
  if (!atStart && !afterSpace && !NO_SPACE_BEFORE.test(out) && !out.startsWith("\n")) out = ` ${out}`;
  if (after && !/^\s/.test(after) && !NO_SPACE_BEFORE.test(after)) out = /\s$/.test(out) ? out : `${out} `;
  else out = out.replace(/[ \t]+$/, "");
  return out;
}
