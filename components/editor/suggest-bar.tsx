"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { INSTRUCTION_LIMIT, KIND_LABELS, TONES, type SuggestionKind, type Tone } from "@/lib/suggestions/kinds";
import { keepSelection } from "./format-toolbar";

const QUICK: SuggestionKind[] = ["improve", "grammar", "clarity", "shorter", "longer"];

/** What a writer can ask of the selected text, plus the two whole-chapter helpers. */
export function SuggestBar(props: {
  busy: boolean;
  checking: boolean;
  onAsk: (kind: SuggestionKind, options?: { tone?: Tone; instruction?: string }) => void;
  onContinue: () => void;
  onCheck: () => void;
}) {
  const [tone, setTone] = useState<Tone>(TONES[0]);
  const [instruction, setInstruction] = useState("");
  return (
    <div role="toolbar" aria-label="Suggestions" className="flex items-center gap-1 overflow-x-auto text-sm sm:flex-wrap sm:overflow-visible [&>*]:shrink-0">
      {QUICK.map((kind) => (
        <Button key={kind} type="button" size="sm" variant="outline" disabled={props.busy} onMouseDown={keepSelection} onClick={() => props.onAsk(kind)}>
          {KIND_LABELS[kind]}
        </Button>
      ))}
      <span className="ml-1 inline-flex items-center gap-1">
        <select aria-label="Tone" className="h-8 rounded-md border border-border bg-background px-2" value={tone} onChange={(e) => setTone(e.target.value as Tone)}>
          {TONES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <Button type="button" size="sm" variant="outline" disabled={props.busy} onMouseDown={keepSelection} onClick={() => props.onAsk("tone", { tone })}>
          {KIND_LABELS.tone}
        </Button>
      </span>
      <form
        className="ml-1 inline-flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (instruction.trim()) props.onAsk("custom", { instruction: instruction.trim() });
        }}
      >
        <input
          aria-label="Custom instruction"
          placeholder="Or tell it what to do…"
          maxLength={INSTRUCTION_LIMIT}
          className="h-8 w-48 rounded-md border border-border bg-background px-2"
          value={instruction}
          onChange={(e) => setInstruction(e.target.value)}
        />
        <Button type="submit" size="sm" variant="outline" disabled={props.busy || !instruction.trim()} onMouseDown={keepSelection}>
          Ask
        </Button>
      </form>
      <span className="ml-auto inline-flex gap-1">
        <Button type="button" size="sm" variant="outline" disabled={props.busy} onMouseDown={keepSelection} onClick={props.onContinue}>
          Continue writing
        </Button>
        <Button type="button" size="sm" variant="outline" disabled={props.checking} onMouseDown={keepSelection} onClick={props.onCheck}>
          {props.checking ? "Checking…" : "Check this chapter"}
        </Button>
      </span>
    </div>
  );
}
