import { DurableObject } from "cloudflare:workers";
import { applyLiveEvent, type LiveEvent } from "./live-text";
import { sseFrame } from "../http/sse";

/**
 * One per job (named by the job id): carries a job's live events from its runner to everyone
 * watching, whichever isolates or machines they are on. In production a queue consumer writes the
 * chapter while each watcher's stream is served somewhere else; without this they would see the
 * text only at checkpoints. It keeps only the text of the chapters being written, in memory: a
 * watcher arriving late gets that first, and if the object is evicted the watchers fall back to the
 * checkpoints in D1, as after a restart. Loaded by worker.ts only (it imports cloudflare:workers).
 */
export class JobRelay extends DurableObject {
  private texts = new Map<string, string>();
  private watchers = new Set<WritableStreamDefaultWriter<Uint8Array>>();
  private encoder = new TextEncoder();

  async fetch(request: Request): Promise<Response> {
    if (request.method === "POST") {
      const events = (await request.json()) as LiveEvent[];
      for (const event of events) applyLiveEvent(this.texts, event);
      this.broadcast(events);
      return new Response(null, { status: 204 });
    }
    // A watcher: server-sent events (one JSON event each), starting with the text written so far.
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = writable.getWriter();
    const start: LiveEvent[] = [...this.texts].map(([chapterId, text]) => ({ type: "chapter", chapterId, status: "writing", wordCount: 0, text }));
    void writer.write(this.encoder.encode(frames(start) || ": following\n\n")).catch(() => this.watchers.delete(writer));
    this.watchers.add(writer);
    return new Response(readable, { headers: { "content-type": "text/event-stream" } });
  }

  /** Not awaited: a watcher that reads slowly must not hold up the writer. */
  private broadcast(events: LiveEvent[]): void {
    const bytes = this.encoder.encode(frames(events));
    for (const writer of this.watchers) {
      // A watcher that went away fails its write: forget it.
      writer.write(bytes).catch(() => this.watchers.delete(writer));
    }
  }
}

function frames(events: LiveEvent[]): string {
  return events.map((e) => sseFrame(e)).join("");
}
