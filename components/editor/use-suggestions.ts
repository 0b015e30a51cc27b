"use client";
import { useCallback, useRef, useState } from "react";
import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";
import { recordSuggestionOutcomeAction } from "@/actions/suggestions";
import { CONTEXT_LIMIT, SELECTION_LIMIT, type SuggestionEvent, type SuggestionKind, type Tone } from "@/lib/suggestions/kinds";
import { editedSpans, type Span } from "@/lib/suggestions/spans";
import { offeredText } from "@/lib/suggestions/outcome";
import { applySuggestion, textOf } from "./apply-text";
import { joinContinuation } from "./join-text";
import { overlayOf, setOverlay } from "./overlay-extension";
import { useSuggestionStream } from "./use-suggestion-stream";

export type ActiveSuggestion =
  | { mode: "rewrite"; kind: SuggestionKind; tone?: Tone; instruction?: string; original: string; before: string; range: Span; attempt: number }
  | { mode: "continue"; pos: number; before: string; attempt: number };

const EDIT_QUIET_MS = 2_000;

/**
 * The suggestion layer's behaviour: ask, show, accept, reject, continue, and what gets recorded.
 * The document is never touched until the writer accepts, so Reject restores nothing because
 * nothing was changed.
 */
export function useSuggestions(editor: Editor | null, ids: { bookId: string; chapterId: string }) {
  const [active, setActive] = useState<ActiveSuggestion | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const activeRef = useRef<ActiveSuggestion | null>(null);
  const editTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  activeRef.current = active;

  const record = useCallback(
    (suggestionId: string | undefined, action: "accept" | "reject" | "edit", texts: { original?: string; suggestion?: string } = {}) => {
      if (!suggestionId) return;
      void recordSuggestionOutcomeAction({ ...ids, suggestionId, action, ...texts }).then(([, err]) => {
        if (err) console.warn("[quire] suggestion outcome not recorded", err.code);
      });
    },
    [ids],
  );

  // Ghost text follows the stream token by token, at the cursor where it was asked for, joined to the
  // words around it as a writer would type them, and kept in view. When the answer ends, a cut-off
  // continuation keeps only its complete sentences and one with nothing to offer disappears.
  const scrollQueued = useRef(false);
  const onEvent = useCallback(
    (event: SuggestionEvent, text: string) => {
      const current = activeRef.current;
      if (!editor || !current || current.mode !== "continue" || (event.type !== "token" && event.type !== "done")) return;
      const { doc } = editor.state;
      const block = doc.resolve(current.pos);
      const before = doc.textBetween(block.start(), current.pos, "\n", "\n");
      const after = doc.textBetween(current.pos, block.end(), "\n", "\n");
      let raw = text;
      if (event.type === "done") raw = event.outcome === "changed" ? offeredText({ kind: "continue" }, text, event.cutOff ? "length" : "stop") : "";
      const shown = joinContinuation(before, raw, after);
      editor.view.dispatch(setOverlay(editor.state, { ghost: shown ? { pos: current.pos, text: shown } : null }));
      if (!shown || scrollQueued.current) return;
      scrollQueued.current = true;
      requestAnimationFrame(() => {
        scrollQueued.current = false;
        editor.view.dom.querySelector<HTMLElement>("[data-testid='ghost-text']")?.scrollIntoView({ block: "nearest", inline: "nearest" });
      });
    },
    [editor],
  );
  const stream = useSuggestionStream(onEvent);

  const clear = useCallback(() => {
    stream.reset();
    setActive(null);
    if (editor) editor.view.dispatch(setOverlay(editor.state, { pending: null, ghost: null }));
  }, [editor, stream]);

  const ask = useCallback(
    (kind: SuggestionKind, options: { tone?: Tone; instruction?: string } = {}) => {
      if (!editor) return;
      setNotice(null);
      const { from, to } = editor.state.selection;
      const range = { from, to };
      const original = from === to ? "" : textOf(editor, range);
      if (!original.trim()) return setNotice("Select the text you want a suggestion for.");
      if (original.length > SELECTION_LIMIT) return setNotice(`Select at most ${SELECTION_LIMIT.toLocaleString("en")} characters, or use Check this chapter.`);
      const before = editor.state.doc.textBetween(Math.max(0, from - CONTEXT_LIMIT), from, "\n\n", "\n").slice(-CONTEXT_LIMIT);
      const next: ActiveSuggestion = { mode: "rewrite", kind, ...options, original, before, range, attempt: 1 };
      setActive(next);
      editor.view.dispatch(setOverlay(editor.state, { pending: range, ghost: null }));
      void stream.request({ ...ids, kind, ...options, selection: original, before, attempt: 1 });
    },
    [editor, ids, stream],
  );

  const tryAgain = useCallback(() => {
    const current = activeRef.current;
    if (!current) return;
    const next = { ...current, attempt: current.attempt + 1 };
    setActive(next);
    if (next.mode === "rewrite") void stream.request({ ...ids, kind: next.kind, tone: next.tone, instruction: next.instruction, selection: next.original, before: next.before, attempt: next.attempt });
    else void stream.request({ ...ids, kind: "continue", selection: "", before: next.before, attempt: next.attempt });
  }, [ids, stream]);

  const continueWriting = useCallback(() => {
    if (!editor) return;
    setNotice(null);
    const pos = editor.state.selection.to;
    const before = editor.state.doc.textBetween(Math.max(0, pos - CONTEXT_LIMIT), pos, "\n\n", "\n").slice(-CONTEXT_LIMIT);
    if (!before.trim()) return setNotice("Write a few words first, then Continue writing from the cursor.");
    editor.commands.setTextSelection(pos);
    const next: ActiveSuggestion = { mode: "continue", pos, before, attempt: 1 };
    setActive(next);
    activeRef.current = next;
    void stream.request({ ...ids, kind: "continue", selection: "", before, attempt: 1 });
    editor.view.focus(); // now, not on the next frame: the writer may already be selecting again
  }, [editor, ids, stream]);

  const accept = useCallback(() => {
    const current = activeRef.current;
    if (!editor || !current) return false;
    const { suggestionId, text, status } = stream.state;
    if (current.mode === "continue") {
      const ghost = overlayOf(editor.state).ghost;
      if (!ghost?.text) return false;
      stream.stop();
      applySuggestion(editor, { from: ghost.pos, to: ghost.pos }, ghost.text, status === "done" ? suggestionId : undefined);
      if (status === "done") record(suggestionId, "accept");
      setActive(null);
      stream.reset();
      return true;
    }
    if (status !== "done" || stream.state.outcome !== "changed") return false;
    const range = overlayOf(editor.state).pending;
    if (!range || textOf(editor, range) !== current.original) {
      setNotice("The selected text changed while the suggestion was being written. Select it and ask again.");
      clear();
      return false;
    }
    applySuggestion(editor, range, text, suggestionId);
    record(suggestionId, "accept");
    setActive(null);
    stream.reset();
    editor.view.focus(); // now, not on the next frame: the writer may already be selecting again
    return true;
  }, [editor, stream, record, clear]);

  const reject = useCallback(() => {
    const current = activeRef.current;
    if (!editor || !current) return false;
    if (stream.state.status === "done") record(stream.state.suggestionId, "reject");
    const range = current.mode === "rewrite" ? overlayOf(editor.state).pending : null;
    clear();
    // Back to exactly where the writer was: the same words selected.
    if (range) editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, range.from, range.to)));
    editor.view.focus(); // now, not on the next frame: the writer may already be selecting again
    return true;
  }, [editor, stream.state, record, clear]);

  /** Every edit: ghost text dies with typing; an edit inside accepted text is recorded once it settles. */
  const onDocChanged = useCallback(() => {
    if (!editor) return;
    const current = activeRef.current;
    if (current?.mode === "continue" && !overlayOf(editor.state).ghost) {
      if (stream.state.status === "done") record(stream.state.suggestionId, "reject");
      stream.reset();
      setActive(null);
    }
    const { accepted } = overlayOf(editor.state);
    if (!accepted.length) return;
    for (const { span } of editedSpans(accepted, (f, t) => editor.state.doc.textBetween(f, t, "\n\n", "\n"))) {
      clearTimeout(editTimers.current.get(span.suggestionId));
      editTimers.current.set(
        span.suggestionId,
        setTimeout(() => {
          const latest = overlayOf(editor.state).accepted;
          const still = latest.find((s) => s.suggestionId === span.suggestionId);
          if (!still) return;
          const now = editor.state.doc.textBetween(still.from, still.to, "\n\n", "\n");
          if (now === still.text) return;
          record(still.suggestionId, "edit", { original: still.text, suggestion: now });
          editor.view.dispatch(setOverlay(editor.state, { accepted: latest.map((s) => (s === still ? { ...s, text: now } : s)) }));
        }, EDIT_QUIET_MS),
      );
    }
  }, [editor, stream, record]);

  return { active, stream: stream.state, notice, setNotice, ask, tryAgain, continueWriting, accept, reject, onDocChanged, record };
}
