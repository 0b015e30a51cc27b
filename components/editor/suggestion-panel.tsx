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
  const done = stream.status === "done";
  // Only an answer that changes something, and was not cut off, can be accepted (lib/suggestions/outcome.ts).
  const offered = done && stream.outcome === "changed";
  return (
    <section aria-label="Suggestion" data-testid="suggestion-panel" data-status={stream.status} data-received={stream.text.length} className="grid gap-2 rounded-md border border-border bg-card p-3 shadow-sm">
      <header className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
        <span className="font-semibold text-foreground">{label}</span>
        {streaming && <span>Writing…</span>}
        {done && stream.cached && (
          <span data-testid="suggestion-cached" className="rounded bg-muted px-1.5 py-0.5">from cache · no credits used</span>
        )}
        {done && !stream.cached && (
          <span data-testid="suggestion-cost">{stream.credits === 0 ? "no credits used" : `${stream.credits} credit${stream.credits === 1 ? "" : "s"}`}</span>
        )}
        {stream.model && <span>{props.demo ? "demo model" : stream.model}</span>}
      </header>
      {stream.status === "error" && stream.error ? (
        <SuggestionError error={stream.error} />
      ) : done && stream.outcome === "unchanged" ? (
        <p role="status" data-testid="suggestion-unchanged" className="text-sm">
          {active.mode === "continue" ? "No continuation suggested." : "No changes suggested: the text reads well as it is."} Nothing was charged.
        </p>
      ) : done && stream.outcome === "cut_off" ? (
        <div role="status" data-testid="suggestion-cut-off" className="grid gap-2 text-sm">
          <p className="font-medium">
            This answer was cut off at the model&apos;s length limit, so it is incomplete and can&apos;t be accepted. Nothing was charged. Try again, or select less text.
          </p>
          {active.mode === "rewrite" && <SuggestionDiff original={active.original} suggestion={stream.text} streaming={false} />}
        </div>
      ) : active.mode === "rewrite" ? (
        <SuggestionDiff original={active.original} suggestion={stream.text} streaming={streaming} />
      ) : (
        <p className="text-sm text-muted-foreground">
          {streaming ? "Writing at the cursor…" : stream.cutOff ? "Cut off at the length limit: only the complete sentences are offered. Press Tab to keep the grey text, Esc to drop it." : "Press Tab to keep the grey text, Esc to drop it."}
        </p>
      )}
      <div className="flex gap-2">
        {active.mode === "rewrite" && (!done || offered) && (
          <Button size="sm" onMouseDown={keepSelection} onClick={props.onAccept} disabled={!offered}>
            Accept
          </Button>
        )}
        <Button size="sm" variant="outline" onMouseDown={keepSelection} onClick={props.onReject}>
          {done && !offered ? "Close" : active.mode === "continue" ? "Drop" : "Reject"}
        </Button>
        <Button size="sm" variant="ghost" onMouseDown={keepSelection} onClick={props.onTryAgain} disabled={streaming}>
          Try again
        </Button>
      </div>
    </section>
  );
}
