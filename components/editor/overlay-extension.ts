import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { mapAccepted, mapFindings, mapSpan, type AcceptedSpan, type Span } from "@/lib/suggestions/spans";

/**
 * Everything the suggestion layer draws over the text without changing it: the selection a
 * suggestion is for, ghost text from "Continue writing", underlined findings from a chapter check,
 * and the stretches that came from accepted suggestions. All of it is mapped through every edit,
 * so it stays on the right words while the writer types.
 */
export type OverlayFinding = Span & { id: string; original: string; replacement: string; reason: string };
export type OverlayState = {
  pending: Span | null;
  ghost: { pos: number; text: string } | null;
  findings: OverlayFinding[];
  accepted: AcceptedSpan[];
  decorations: DecorationSet;
};

type Meta =
  | { pending: Span | null }
  | { ghost: { pos: number; text: string } | null }
  | { findings: OverlayFinding[] }
  | { accepted: AcceptedSpan[] };

export const overlayKey = new PluginKey<OverlayState>("quire-overlay");

function ghostWidget(text: string) {
  return () => {
    const span = document.createElement("span");
    span.className = "quire-ghost";
    span.dataset.testid = "ghost-text";
    span.textContent = text;
    return span;
  };
}

function decorate(state: Omit<OverlayState, "decorations">, doc: EditorState["doc"]): DecorationSet {
  const decos: Decoration[] = [];
  if (state.pending) decos.push(Decoration.inline(state.pending.from, state.pending.to, { class: "quire-pending", "data-testid": "suggestion-target" }));
  for (const f of state.findings) decos.push(Decoration.inline(f.from, f.to, { class: "quire-finding", "data-finding-id": f.id, title: `${f.reason}: ${f.replacement}` }));
  if (state.ghost) decos.push(Decoration.widget(state.ghost.pos, ghostWidget(state.ghost.text), { side: 1, key: `ghost-${state.ghost.text.length}` }));
  return decos.length ? DecorationSet.create(doc, decos) : DecorationSet.empty;
}

function apply(tr: Transaction, prev: OverlayState): OverlayState {
  const meta = tr.getMeta(overlayKey) as Meta | undefined;
  if (!tr.docChanged && !meta) return prev;
  const textAt = (from: number, to: number) => tr.doc.textBetween(from, to, "\n", "\n");
  let next: Omit<OverlayState, "decorations"> = prev;
  if (tr.docChanged) {
    next = {
      pending: prev.pending && mapSpan(prev.pending, tr.mapping),
      // Typing while ghost text shows means the writer did not want it.
      ghost: null,
      findings: prev.findings.length ? mapFindings(prev.findings, tr.mapping, textAt) : prev.findings,
      accepted: prev.accepted.length ? mapAccepted(prev.accepted, tr.mapping) : prev.accepted,
    };
  }
  if (meta) next = { ...next, ...meta };
  return { ...next, decorations: decorate(next, tr.doc) };
}

export const Overlay = Extension.create<{ onEscape: () => boolean; onTab: () => boolean }>({
  name: "quireOverlay",
  addOptions() {
    return { onEscape: () => false, onTab: () => false };
  },
  addKeyboardShortcuts() {
    return {
      Escape: () => this.options.onEscape(),
      Tab: () => this.options.onTab(),
    };
  },
  addProseMirrorPlugins() {
    return [
      new Plugin<OverlayState>({
        key: overlayKey,
        state: {
          init: () => ({ pending: null, ghost: null, findings: [], accepted: [], decorations: DecorationSet.empty }),
          apply,
        },
        props: { decorations: (state) => overlayKey.getState(state)?.decorations },
      }),
    ];
  },
});

export function overlayOf(state: EditorState): OverlayState {
  return overlayKey.getState(state)!;
}

/** A transaction that only changes the overlay: not an edit, so not an undo step. */
export function setOverlay(state: EditorState, meta: Meta): Transaction {
  return state.tr.setMeta(overlayKey, meta).setMeta("addToHistory", false);
}
