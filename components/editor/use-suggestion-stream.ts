"use client";
import { useCallback, useReducer, useRef } from "react";
import type { SuggestionEvent, SuggestionRequest } from "@/lib/suggestions/kinds";
import type { SuggestionOutcome } from "@/lib/suggestions/outcome";
import { readSseJson } from "@/lib/http/sse-reader";
import { announceCreditsChanged } from "@/lib/credits/changed-event";

/** One suggestion's life on the client: one reducer applies the route's typed events. */
export type SuggestionStream = {
  status: "idle" | "streaming" | "done" | "error";
  text: string;
  suggestionId?: string;
  model?: string;
  cached?: boolean;
  credits?: number;
  /** Only "changed" is offered; "unchanged" reads "No changes suggested", "cut_off" is shown but not offered. */
  outcome?: SuggestionOutcome;
  cutOff?: boolean;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  /** When the request was sent and its first token arrived (performance.now()), for the bench. */
  sentAt?: number;
};

type Action = { type: "start"; sentAt: number } | SuggestionEvent | { type: "reset" };

function reduce(state: SuggestionStream, action: Action): SuggestionStream {
  switch (action.type) {
    case "start":
      return { status: "streaming", text: "", sentAt: action.sentAt };
    case "token":
      return { ...state, text: state.text + action.text };
    case "done":
      return { ...state, status: "done", suggestionId: action.suggestionId, model: action.model, cached: action.cached, credits: action.credits, outcome: action.outcome, cutOff: action.cutOff };
    case "error":
      return { ...state, status: "error", error: { code: action.code, message: action.message, details: action.details } };
    case "reset":
      return { status: "idle", text: "" };
  }
}

const OFFLINE: SuggestionEvent = { type: "error", code: "unavailable:api", message: "Quire could not be reached. Check your connection and try again." };

export function useSuggestionStream(onEvent?: (event: SuggestionEvent, text: string) => void) {
  const [state, dispatch] = useReducer(reduce, { status: "idle", text: "" });
  const controller = useRef<AbortController | null>(null);

  const stop = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
  }, []);

  const reset = useCallback(() => {
    stop();
    dispatch({ type: "reset" });
  }, [stop]);

  const request = useCallback(
    async (body: SuggestionRequest) => {
      stop();
      const abort = new AbortController();
      controller.current = abort;
      dispatch({ type: "start", sentAt: performance.now() });
      let text = "";
      const emit = (event: SuggestionEvent) => {
        if (abort.signal.aborted) return;
        if (event.type === "token") text += event.text;
        dispatch(event);
        onEvent?.(event, text);
      };
      try {
        const res = await fetch("/api/suggestions", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: abort.signal,
        });
        if (!res.ok || !res.body) {
          const payload = (await res.json().catch(() => null)) as { error?: { code: string; message: string; details?: Record<string, unknown> } } | null;
          emit(payload?.error ? { type: "error", ...payload.error } : OFFLINE);
          return;
        }
        for await (const event of readSseJson<SuggestionEvent>(res.body, abort.signal)) emit(event);
      } catch (err) {
        if (!abort.signal.aborted) {
          console.warn("[quire] suggestion request failed", err);
          emit(OFFLINE);
        }
      } finally {
        if (controller.current === abort) controller.current = null;
        // Charged, settled or refunded by now: the header badge refetches the balance.
        announceCreditsChanged();
      }
    },
    [stop, onEvent],
  );

  return { state, request, stop, reset };
}
