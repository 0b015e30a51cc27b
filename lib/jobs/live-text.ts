/** The live events of a running job, as its writer publishes them. */
export type LiveEvent =
  | { type: "token"; chapterId: string; text: string }
  | { type: "chapter"; chapterId: string; status: string; wordCount: number; /** the saved text a (re)start begins from */ text?: string }
  | { type: "job"; status: string; progressDone: number; progressTotal: number; errorCode?: string | null };

/**
 * Keeps the text streamed so far of each chapter being written, so a watcher who arrives late
 * starts whole: a (re)start sets it, tokens extend it, the chapter's end or the job's drops it.
 */
export function applyLiveEvent(texts: Map<string, string>, event: LiveEvent): void {
  // Only a chapter whose start was seen: text missing its beginning must never be offered as whole.
  if (event.type === "token") {
    const sofar = texts.get(event.chapterId);
    if (sofar !== undefined) texts.set(event.chapterId, sofar + event.text);
  }
  else if (event.type === "chapter" && event.status === "writing") texts.set(event.chapterId, event.text ?? "");
  else if (event.type === "chapter") texts.delete(event.chapterId);
  else if (event.type === "job" && event.status !== "running") texts.clear();
}
