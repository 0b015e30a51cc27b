"use client";
import { useEffect, useReducer } from "react";
import type { ChapterView, JobEvent, JobView } from "@/lib/jobs/events";
import { announceCreditsChanged } from "@/lib/credits/changed-event";

export type StreamState = { job: JobView | null; chapters: Record<string, ChapterView>; connected: boolean };

/** The one reducer for a job's events; the server decides what the text is, the client only applies it. */
export function reduceJobEvent(state: StreamState, event: JobEvent | { type: "disconnected" }): StreamState {
  switch (event.type) {
    case "snapshot":
      return { job: event.job, connected: true, chapters: Object.fromEntries(event.chapters.map((c) => [c.id, c])) };
    case "token": {
      const c = state.chapters[event.chapterId] ?? { id: event.chapterId, status: "writing", content: "", wordCount: 0 };
      const content = c.content + event.text;
      return { ...state, chapters: { ...state.chapters, [c.id]: { ...c, status: "writing", content, wordCount: countWords(content) } } };
    }
    case "sync": {
      const c = state.chapters[event.chapterId] ?? { id: event.chapterId, status: "writing", content: "", wordCount: 0 };
      return { ...state, chapters: { ...state.chapters, [c.id]: { ...c, content: event.content, wordCount: countWords(event.content) } } };
    }
    case "chapter": {
      const c = state.chapters[event.chapterId] ?? { id: event.chapterId, status: event.status, content: "", wordCount: 0 };
      return { ...state, chapters: { ...state.chapters, [c.id]: { ...c, status: event.status } } };
    }
    case "job":
    case "end":
      return { ...state, job: event.job };
    case "disconnected":
      return { ...state, connected: false };
  }
}

function countWords(text: string): number {
  return text.match(/[^\s]+/g)?.length ?? 0;
}

/**
 * Follows a job over SSE; EventSource reconnects by itself and the server resends the saved text.
 * `pending`: the page has named the job and is starting it, so the server waits for it to exist.
 */
export function useJobStream(follow: { jobId: string; pending: boolean } | null, onEnd: (job: JobView) => void): StreamState {
  const [state, dispatch] = useReducer(reduceJobEvent, { job: null, chapters: {}, connected: false });
  const jobId = follow?.jobId ?? null;
  const pending = follow?.pending ?? false;
  useEffect(() => {
    if (!jobId) return;
    const source = new EventSource(`/api/jobs/${jobId}/events${pending ? "?pending=1" : ""}`);
    const handle = (e: MessageEvent<string>) => {
      const event = JSON.parse(e.data) as JobEvent;
      dispatch(event);
      // A chapter settled (or was refunded), or the job ended: the header badge refetches the balance.
      if (event.type === "chapter" || event.type === "end") announceCreditsChanged();
      if (event.type === "end") {
        source.close();
        onEnd(event.job);
      }
    };
    for (const type of ["snapshot", "token", "sync", "chapter", "job", "end"]) source.addEventListener(type, handle as EventListener);
    source.onerror = () => dispatch({ type: "disconnected" });
    return () => source.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, pending]);
  return state;
}
