/**
 * Live events of running jobs, within one isolate. The writer publishes each token here; the SSE
 * endpoint forwards them. It lives on globalThis because the queue consumer and the SSE route may be
 * separate bundles of the same worker. Watchers in another isolate (possible in production) fall
 * back to the checkpoints the writer saves to D1, which the SSE endpoint polls.
 */
export type LiveEvent =
  | { type: "token"; chapterId: string; text: string }
  | { type: "chapter"; chapterId: string; status: string; wordCount: number }
  | { type: "job"; status: string; progressDone: number; progressTotal: number; errorCode?: string | null };

type Listener = (event: LiveEvent) => void;
const registry = ((globalThis as { __quireLive?: Map<string, Set<Listener>> }).__quireLive ??= new Map());

export function publish(jobId: string, event: LiveEvent): void {
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
