"use client";
import { Button } from "@/components/ui/button";
import { KIND_LABELS } from "@/lib/suggestions/kinds";
import { keepSelection } from "./format-toolbar";
import { SuggestionDiff } from "./suggestion-diff";
import { SuggestionError } from "./suggestion-notice";
import type { SuggestionStream } from "./use-suggestion-stream";
import type { ActiveSuggestion } from "./use-suggestions";

/** The suggestion for the selection as it streams: a diff, then Accept, Reject (Esc) or Try again. */
export function SuggestionPanel(props: { active: ActiveSuggestion; stream: SuggestionStream; demo: boolean; onAccept: () => void; onReject: () => void; onTryAgain: () => void }) {
  const { active, stream } = props;
  const label = active.mode === "continue" ? KIND_LABELS.continue : active.kind === "tone" ? `Tone: ${active.tone}` : active.kind === "custom" ? `“${active.instruction}”` : KIND_LABELS[active.kind];
  const streaming = stream.status === "streaming";
  return (
    <section aria-label="Suggestion" data-testid="suggestion-panel" data-status={stream.status} data-received={stream.text.length} className="grid gap-2 rounded-md border border-border bg-card p-3 shadow-sm">
      <header className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span className="font-semibold text-foreground">{label}</span>
        {streaming && <span>Writing…</span>}
        {stream.status === "done" && stream.cached && (
          <span data-testid="suggestion-cached" className="rounded bg-muted px-1.5 py-0.5">from cache · no credits used</span>
        )}
        {stream.status === "done" && !stream.cached && <span data-testid="suggestion-cost">{stream.credits} credit{stream.credits === 1 ? "" : "s"}</span>}
        {stream.model && <span>{props.demo ? "demo model" : stream.model}</span>}
      </header>
      {stream.status === "error" && stream.error ? (
        <SuggestionError error={stream.error} />
      ) : active.mode === "rewrite" ? (
        <SuggestionDiff original={active.original} suggestion={stream.text} streaming={streaming} />
      ) : (
        <p className="text-sm text-muted-foreground">{streaming ? "Writing at the cursor…" : "Press Tab to keep the grey text, Esc to drop it."}</p>
      )}
      <div className="flex gap-2">
        {active.mode === "rewrite" && (
          <Button size="sm" onMouseDown={keepSelection} onClick={props.onAccept} disabled={stream.status !== "done"}>
            Accept
          </Button>
        )}
        <Button size="sm" variant="outline" onMouseDown={keepSelection} onClick={props.onReject}>
          {active.mode === "continue" ? "Drop" : "Reject"}
        </Button>
        <Button size="sm" variant="ghost" onMouseDown={keepSelection} onClick={props.onTryAgain} disabled={streaming}>
          Try again
        </Button>
      </div>
    </section>
  );
}
