import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { readSse } from "@/lib/http/sse-reader";
import { forwardLiveEvents } from "./live";
import type { LiveEvent } from "./live-text";

/**
 * The way from a job's writer to its watchers across isolates: each job's events go to a Durable
 * Object named by the job id (relay-object.ts), and each watcher's SSE stream follows that object.
 * Without it (`next dev`, the integration tests) the in-isolate bus in live.ts is all there is.
 *
 * The writer batches tokens: a chapter's start, its first token and its end go at once (the first
 * words are not delayed), the tokens after the first at most every FLUSH_MS. Each batch is one
 * subrequest, so a chapter streamed for 80 seconds costs about 400 of them, inside a Worker
 * invocation's limit.
 */
const FLUSH_MS = 200;

export function jobRelay(): DurableObjectNamespace | null {
  // Under `next dev` the binding is a proxy to a Durable Object nobody runs (the class lives in
  // worker.ts), and jobs run in the dev server's own process anyway (dispatch.ts).
  if (process.env.NODE_ENV === "development") return null;
  const env = getCloudflareContext().env as { JOB_RELAY?: DurableObjectNamespace };
  return env.JOB_RELAY ?? null;
}

type Outbox = {
  queue: LiveEvent[];
  /** Chapters that started but whose first token has not gone yet: that token goes at once. */
  awaitingFirstToken: Set<string>;
  lastFlush: number;
  /** The pending batch's timer, and how to fire it early. */
  timer: { handle: ReturnType<typeof setTimeout>; fire: () => void } | null;
  /** Every post so far, one after another, so the relay sees the events in order. */
  sending: Promise<void>;
};
const outboxes = new Map<string, Outbox>();
/** The relay this isolate's events go to, once relayLiveEvents has run. */
let relay: DurableObjectNamespace | null = null;

function post(relay: DurableObjectNamespace, jobId: string, events: LiveEvent[]): Promise<void> {
  return relay
    .get(relay.idFromName(jobId))
    .fetch("https://relay/publish", { method: "POST", body: JSON.stringify(events), headers: { "content-type": "application/json" } })
    .then((res) => void res.body?.cancel())
    .catch((err: unknown) => console.error(`[quire] live relay of job ${jobId} failed`, err));
}

function flush(jobId: string, box: Outbox): void {
  const timer = box.timer;
  box.timer = null;
  if (timer) clearTimeout(timer.handle);
  const to = relay;
  if (to && box.queue.length > 0) {
    const events = box.queue.splice(0);
    box.lastFlush = Date.now();
    box.sending = box.sending.then(() => post(to, jobId, events));
    const last = events[events.length - 1]!;
    if (last.type === "job" && last.status !== "running") outboxes.delete(jobId);
  }
  timer?.fire();
}

/**
 * Sends this isolate's live events on to each job's relay (installed once per isolate). Starts,
 * ends and the first token of each chapter go at once; the tokens after it in batches.
 */
export function relayLiveEvents(to: DurableObjectNamespace): void {
  if (relay === to) return;
  relay = to;
  forwardLiveEvents((jobId, event) => {
    let box = outboxes.get(jobId);
    if (!box) outboxes.set(jobId, (box = { queue: [], awaitingFirstToken: new Set(), lastFlush: 0, timer: null, sending: Promise.resolve() }));
    box.queue.push(event);
    if (event.type === "chapter" && event.status === "writing") box.awaitingFirstToken.add(event.chapterId);
    const urgent = event.type !== "token" || box.awaitingFirstToken.delete(event.chapterId);
    const { ctx } = getCloudflareContext();
    if (urgent) {
      flush(jobId, box);
      ctx.waitUntil(box.sending);
      return;
    }
    if (box.timer) return;
    const outbox = box;
    let fire = () => {};
    const fired = new Promise<void>((resolve) => (fire = resolve));
    const handle = setTimeout(() => flush(jobId, outbox), Math.max(0, outbox.lastFlush + FLUSH_MS - Date.now()));
    outbox.timer = { handle, fire };
    // The request or queue step that published must not end before its events are delivered.
    ctx.waitUntil(fired.then(() => outbox.sending));
  });
}

/** Resolves once every event published so far for the job has reached its relay. */
export async function drainRelay(jobId: string): Promise<void> {
  const box = outboxes.get(jobId);
  if (!box) return;
  flush(jobId, box);
  await box.sending;
}

/**
 * Follows a job's relay: `onEvent` gets the text written so far of each chapter being written (as a
 * "writing" chapter event with its text), then every live event. Returns how to stop following.
 */
export async function followRelay(from: DurableObjectNamespace, jobId: string, onEvent: (event: LiveEvent) => void): Promise<() => void> {
  const res = await from.get(from.idFromName(jobId)).fetch("https://relay/follow");
  if (!res.body) return () => {};
  const stop = new AbortController();
  let stopped = false;
  void (async () => {
    try {
      for await (const event of readSse(res.body as ReadableStream<Uint8Array<ArrayBuffer>>, stop.signal)) {
        if (stopped) return;
        onEvent(JSON.parse(event.data) as LiveEvent);
      }
    } catch (err) {
      if (!stopped) console.error(`[quire] following the live relay of job ${jobId} failed`, err);
    }
  })();
  return () => {
    stopped = true;
    stop.abort();
  };
}
