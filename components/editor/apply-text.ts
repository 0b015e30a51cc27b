import type { Editor } from "@tiptap/core";
import { closeHistory } from "@tiptap/pm/history";
import type { Transaction } from "@tiptap/pm/state";
import { overlayKey, overlayOf } from "./overlay-extension";
import type { Span } from "@/lib/suggestions/spans";

/** Plain text of a range as the model saw it: paragraphs separated by blank lines. */
export function textOf(editor: Editor, range: Span): string {
  return editor.state.doc.textBetween(range.from, range.to, "\n\n", "\n");
}

/**
 * Puts suggested text in place of a range as ONE undo step: the change is closed off from what came
 * before and from what the writer types next, so Undo takes back exactly the suggestion.
 */
export function applySuggestion(editor: Editor, range: Span, text: string, suggestionId: string | undefined): boolean {
  const { state } = editor;
  const tr: Transaction = state.tr;
  const paragraphs = text.split(/\n\s*\n/);
  if (paragraphs.length === 1) {
    if (text) tr.insertText(text, range.from, range.to);
    else tr.delete(range.from, range.to);
  } else {
    const { schema } = state;
    const $from = state.doc.resolve(range.from);
    const marks = $from.marks();
    // The first paragraph continues the one the range starts in; the rest become new paragraphs.
    tr.insertText(paragraphs[0]!, range.from, range.to);
    let pos = range.from + paragraphs[0]!.length;
    for (const p of paragraphs.slice(1)) {
      tr.split(pos);
      pos += 2;
      if (p) tr.insert(pos, schema.text(p, marks));
      pos += p.length;
    }
  }
  const end = tr.mapping.map(range.to, 1);
  const overlay = overlayOf(state);
  const accepted = suggestionId
    ? [...overlay.accepted.map((s) => ({ ...s, from: tr.mapping.map(s.from, 1), to: tr.mapping.map(s.to, -1) })), { from: range.from, to: end, suggestionId, text: tr.doc.textBetween(range.from, end, "\n\n", "\n") }]
    : undefined;
  tr.setMeta(overlayKey, { pending: null, ghost: null, ...(accepted ? { accepted } : {}) });
  closeHistory(tr);
  editor.view.dispatch(tr);
  // An empty closing transaction: the next keystroke starts its own undo step.
  editor.view.dispatch(closeHistory(editor.state.tr));
  return true;
}
