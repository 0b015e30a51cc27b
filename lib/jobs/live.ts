import { applyLiveEvent, type LiveEvent } from "./live-text";

/**
 * Live events of running jobs, within one isolate. The writer publishes each token here; the SSE
 * endpoint forwards them. It lives on globalThis because the queue consumer and the SSE route may be
 * separate bundles of the same worker. On the worker every event is also forwarded to the job's
 * relay (a Durable Object, see relay.ts), which reaches watchers in any isolate; this bus serves
 * `next dev` and the tests, where there is no relay.
 */
export type { LiveEvent };

type Listener = (event: LiveEvent) => void;
type Forward = (jobId: string, event: LiveEvent) => void;
const shared = globalThis as { __quireLive?: Map<string, Set<Listener>>; __quireLiveText?: Map<string, Map<string, string>>; __quireLiveForward?: { to: Forward | null } };
const registry = (shared.__quireLive ??= new Map());
/** The text streamed so far of each chapter being written, so a watcher who arrives late starts whole. */
const inProgress = (shared.__quireLiveText ??= new Map());
const forwarding = (shared.__quireLiveForward ??= { to: null });

export function publish(jobId: string, event: LiveEvent): void {
  const texts = inProgress.get(jobId) ?? new Map<string, string>();
  applyLiveEvent(texts, event);
  if (texts.size > 0) inProgress.set(jobId, texts);
  else inProgress.delete(jobId);
  forwarding.to?.(jobId, event);
  for (const listener of registry.get(jobId) ?? []) {
    try {
      listener(event);
    } catch (err) {
      console.error("[quire] live listener failed", err);
    }
  }
}

/** Sends every event published in this isolate on to `to` as well (once per isolate). */
export function forwardLiveEvents(to: Forward): void {
  forwarding.to = to;
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
