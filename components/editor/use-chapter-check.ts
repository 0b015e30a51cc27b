"use client";
import { announceCreditsChanged } from "@/lib/credits/changed-event";
import { useCallback, useState } from "react";
import type { Editor } from "@tiptap/core";
import type { ChapterCheckResult } from "@/lib/suggestions/kinds";
import { findingPositions } from "@/lib/suggestions/spans";
import { applySuggestion } from "./apply-text";
import { overlayOf, setOverlay, type OverlayFinding } from "./overlay-extension";

type CheckState = { status: "idle" | "checking" | "done" | "error"; suggestionId?: string; cached?: boolean; model?: string; error?: { code: string; message: string; details?: Record<string, unknown> } };

/** The chapter's paragraphs as plain text, with where each one's text starts in the document. */
function blocksOf(editor: Editor): { blocks: string[]; starts: number[] } {
  const blocks: string[] = [];
  const starts: number[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push(node.textBetween(0, node.content.size, "\n", "\n"));
    starts.push(pos + 1);
    return false;
  });
  return { blocks, starts };
}

/**
 * Check this chapter: findings come back as (paragraph, offsets, replacement, reason), become
 * underlines in the document, follow the writer's edits, and are accepted or dismissed one by one.
 */
export function useChapterCheck(editor: Editor | null, ids: { bookId: string; chapterId: string }, record: (id: string | undefined, action: "accept" | "reject", texts: { original: string; suggestion: string }) => void) {
  const [state, setState] = useState<CheckState>({ status: "idle" });
  const [findings, setFindings] = useState<OverlayFinding[]>([]);

  const sync = useCallback(() => {
    if (editor) setFindings(overlayOf(editor.state).findings);
  }, [editor]);

  const check = useCallback(async () => {
    if (!editor) return;
    const { blocks, starts } = blocksOf(editor);
    setState({ status: "checking" });
    try {
      const res = await fetch("/api/suggestions/check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...ids, blocks }) });
      const body = (await res.json()) as ChapterCheckResult | { error: CheckState["error"] };
      announceCreditsChanged();
      if ("error" in body) return setState({ status: "error", error: body.error });
      const doc = editor.state.doc;
      const placed = body.findings.flatMap((f) => {
        const span = findingPositions(starts, f);
        // Only findings that still point at their words (the writer may have typed meanwhile).
        if (!span || span.to > doc.content.size || doc.textBetween(span.from, span.to, "\n", "\n") !== f.original) return [];
        return [{ ...span, id: f.id, original: f.original, replacement: f.replacement, reason: f.reason }];
      });
      editor.view.dispatch(setOverlay(editor.state, { findings: placed }));
      setFindings(placed);
      setState({ status: "done", suggestionId: body.suggestionId, cached: body.cached, model: body.model });
    } catch (err) {
      console.warn("[quire] chapter check failed", err);
      setState({ status: "error", error: { code: "unavailable:api", message: "Quire could not be reached. Check your connection and try again." } });
    }
  }, [editor, ids]);

  const resolve = useCallback(
    (id: string, take: boolean) => {
      if (!editor) return;
      const finding = overlayOf(editor.state).findings.find((f) => f.id === id);
      if (!finding) return sync();
      const rest = overlayOf(editor.state).findings.filter((f) => f.id !== id);
      editor.view.dispatch(setOverlay(editor.state, { findings: rest }));
      if (take) applySuggestion(editor, finding, finding.replacement, undefined);
      record(state.suggestionId, take ? "accept" : "reject", { original: finding.original, suggestion: finding.replacement });
      sync();
    },
    [editor, record, state.suggestionId, sync],
  );

  /** Where a finding is now, as a writer counts: the paragraph (or heading) it sits in, from 1. */
  const paragraphOf = useCallback(
    (finding: OverlayFinding): number => {
      if (!editor) return 0;
      let n = 0;
      let at = 0;
      editor.state.doc.descendants((node, pos) => {
        if (at) return false;
        if (!node.isTextblock) return true;
        n++;
        if (finding.from >= pos && finding.from <= pos + node.nodeSize) at = n;
        return false;
      });
      return at;
    },
    [editor],
  );

  /** Selects the finding's words and scrolls them into view. */
  const reveal = useCallback(
    (id: string) => {
      const finding = editor && overlayOf(editor.state).findings.find((f) => f.id === id);
      if (editor && finding) editor.chain().focus().setTextSelection({ from: finding.from, to: finding.to }).scrollIntoView().run();
    },
    [editor],
  );

  return { state, findings, check, accept: (id: string) => resolve(id, true), dismiss: (id: string) => resolve(id, false), sync, paragraphOf, reveal };
}
