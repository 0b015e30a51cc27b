/**
 * Live events of running jobs, within one isolate. The writer publishes each token here; the SSE
 * endpoint forwards them. It lives on globalThis because the queue consumer and the SSE route may be
 * separate bundles of the same worker. Watchers in another isolate (possible in production) fall
 * back to the checkpoints the writer saves to D1, which the SSE endpoint polls.
 */
export type LiveEvent =
  | { type: "token"; chapterId: string; text: string }
  | { type: "chapter"; chapterId: string; status: string; wordCount: number; /** the saved text a (re)start begins from */ text?: string }
  | { type: "job"; status: string; progressDone: number; progressTotal: number; errorCode?: string | null };

type Listener = (event: LiveEvent) => void;
const registry = ((globalThis as { __quireLive?: Map<string, Set<Listener>> }).__quireLive ??= new Map());
/** The text streamed so far of each chapter being written, so a watcher who arrives late starts whole. */
const inProgress = ((globalThis as { __quireLiveText?: Map<string, Map<string, string>> }).__quireLiveText ??= new Map());

export function publish(jobId: string, event: LiveEvent): void {
  const texts = inProgress.get(jobId) ?? new Map<string, string>();
  if (event.type === "token") texts.set(event.chapterId, (texts.get(event.chapterId) ?? "") + event.text);
  else if (event.type === "chapter" && event.status === "writing") texts.set(event.chapterId, event.text ?? "");
  else if (event.type === "chapter") texts.delete(event.chapterId);
  if (event.type === "job" && event.status !== "running") inProgress.delete(jobId);
  else if (texts.size > 0) inProgress.set(jobId, texts);
  else inProgress.delete(jobId);
  for (const listener of registry.get(jobId) ?? []) {
    try {
      listener(event);
    } catch (err) {
      console.error("[quire] live listener failed", err);
    }
  }
}

export function subscribe(jobId: string, listener: Listener): () => void {
  let set = registry.get(jobId);
  if (!set) registry.set(jobId, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) registry.delete(jobId);
  };
}

/** The whole text so far of each chapter this isolate is writing for the job. */
export function liveText(jobId: string): Map<string, string> {
  return new Map(inProgress.get(jobId) ?? []);
}
