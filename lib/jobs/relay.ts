import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { forwardLiveEvents } from "./live";
import type { LiveEvent } from "./live-text";

/**
 * The way from a job's writer to its watchers across isolates: each job's events go to a Durable
 * Object named by the job id (relay-object.ts), and each watcher's SSE stream follows that object.
 * Without the JOB_RELAY binding (`next dev`, tests) the in-isolate bus in live.ts is all there is.
 *
 * The writer batches: the first event of a quiet spell goes at once (the first words are not
 * delayed), later ones at most every FLUSH_MS. Each batch is one subrequest, so a chapter streamed
 * for 80 seconds costs at most 400 of them, inside a Worker invocation's limit.
 */
const FLUSH_MS = 200;

export function jobRelay(): DurableObjectNamespace | null {
  const env = getCloudflareContext().env as { JOB_RELAY?: DurableObjectNamespace };
  return env.JOB_RELAY ?? null;
}

type Outbox = { queue: LiveEvent[]; timer: ReturnType<typeof setTimeout> | null; lastFlush: number; sending: Promise<void> };
const outboxes = new Map<string, Outbox>();

function post(relay: DurableObjectNamespace, jobId: string, events: LiveEvent[]): Promise<void> {
  return relay
    .get(relay.idFromName(jobId))
    .fetch("https://relay/publish", { method: "POST", body: JSON.stringify(events), headers: { "content-type": "application/json" } })
    .then((res) => void res.body?.cancel())
    .catch((err: unknown) => console.error(`[quire] live relay of job ${jobId} failed`, err));
}

/** Sends this isolate's live events on to each job's relay (installed once per isolate). */
export function relayLiveEvents(relay: DurableObjectNamespace): void {
  forwardLiveEvents((jobId, event) => {
    let box = outboxes.get(jobId);
    if (!box) outboxes.set(jobId, (box = { queue: [], timer: null, lastFlush: 0, sending: Promise.resolve() }));
    box.queue.push(event);
    if (box.timer) return;
    const outbox = box;
    const flushed = new Promise<void>((resolve) => {
      outbox.timer = setTimeout(() => {
        outbox.timer = null;
        outbox.lastFlush = Date.now();
        const events = outbox.queue.splice(0);
        // One batch after another, so the relay sees the events in order.
        outbox.sending = outbox.sending.then(() => post(relay, jobId, events));
        outbox.sending.then(resolve);
        if (event.type === "job" && event.status !== "running" && outbox.queue.length === 0) outboxes.delete(jobId);
      }, Math.max(0, outbox.lastFlush + FLUSH_MS - Date.now()));
    });
    // The request or queue step that published must not end before its events are delivered.
    getCloudflareContext().ctx.waitUntil(flushed);
  });
}

/** Resolves once every event published so far for the job has reached its relay. */
export async function drainRelay(jobId: string): Promise<void> {
  const box = outboxes.get(jobId);
  if (!box) return;
  if (box.timer) {
    await new Promise<void>((resolve) => {
      const wait = () => (box.timer ? setTimeout(wait, 10) : resolve());
      wait();
    });
  }
  await box.sending;
}

/**
 * Follows a job's relay: `onEvent` gets the text written so far of each chapter being written (as a
 * "writing" chapter event with its text), then every live event. Returns how to stop following.
 */
export async function followRelay(relay: DurableObjectNamespace, jobId: string, onEvent: (event: LiveEvent) => void): Promise<() => void> {
  const res = await relay.get(relay.idFromName(jobId)).fetch("https://relay/follow");
  if (!res.body) return () => {};
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let stopped = false;
  void (async () => {
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || stopped) return;
        buffer += value;
        for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 1);
          if (line) onEvent(JSON.parse(line) as LiveEvent);
        }
      }
    } catch (err) {
      if (!stopped) console.error(`[quire] following the live relay of job ${jobId} failed`, err);
    }
  })();
  return () => {
    stopped = true;
    void reader.cancel().catch(() => undefined);
  };
}
