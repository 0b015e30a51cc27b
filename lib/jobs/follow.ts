import type { Db } from "@/db/client";
import { selectChapters } from "@/db/queries/chapters";
import { selectJob, type Job } from "@/db/queries/jobs";
import type { SseWriter } from "@/lib/http/sse";
import { dispatchJob, jobTimings } from "./dispatch";
import type { ChapterView, JobEvent, JobView } from "./events";
import { liveText, subscribe, type LiveEvent } from "./live";
import { followRelay, jobRelay } from "./relay";

const POLL_MS = 1_000;
/**
 * A stream's longest life. Workers do not always tell a route when the watcher goes away, so without
 * this a closed tab's stream could poll until its job ended, for hours on a long book. The browser
 * reconnects at once (the `retry` below) and gets the saved text first, so a watcher only sees the
 * stream renewed.
 */
const STREAM_MAX_MS = 5 * 60_000;
const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

function view(job: Job): JobView {
  return { id: job.id, kind: job.kind, status: job.status, progressDone: job.progressDone, progressTotal: job.progressTotal, errorCode: job.errorCode, errorMessage: job.errorMessage, chapterId: job.chapterId };
}

/** Waits `ms`, or less if the watcher goes away. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * Follows a job into `out`: first the saved text of the book's chapters (so a reconnect shows
 * everything written so far), then live tokens from the writer (through the job's relay, wherever the
 * writer runs; without a relay, from this isolate), and every second the job's state and any text
 * saved that did not come live. A job whose runner died is handed to a new one. Returns when the job
 * ends, the stream has lived its span, or the watcher goes away.
 */
export async function followJob(out: SseWriter, db: Db, job: Job): Promise<void> {
  const send = (event: JobEvent) => out.send(event, event.type);
  const sent = new Map<string, number>(); // characters of each chapter the client has
  let lastToken = 0;
  let unsubscribe = () => {};
  try {
    out.retry(1_000);
    const openedAt = Date.now();
    const chapters = await selectChapters(db, job.bookId!);
    const views: ChapterView[] = chapters.map((c) => ({ id: c.id, status: c.status, content: c.content, wordCount: c.wordCount }));
    for (const c of chapters) sent.set(c.id, c.content.length);
    send({ type: "snapshot", job: view(job), chapters: views });

    const onLive = (event: LiveEvent) => {
      if (event.type === "token") {
        lastToken = Date.now();
        sent.set(event.chapterId, (sent.get(event.chapterId) ?? 0) + event.text.length);
        send(event);
      } else if (event.type === "chapter") {
        if (event.status === "writing" && event.text !== undefined) {
          sent.set(event.chapterId, event.text.length);
          send({ type: "sync", chapterId: event.chapterId, content: event.text });
        }
        send({ type: "chapter", chapterId: event.chapterId, status: event.status, wordCount: event.wordCount });
      } else if (event.type === "job") {
        // The writer's own progress, at once: the counter moves with the chapters, not a poll later.
        send({ type: "job", job: { ...view(job), status: event.status, progressDone: event.progressDone, progressTotal: event.progressTotal, errorCode: event.errorCode ?? null } });
      }
    };
    const relay = FINISHED.has(job.status) ? null : jobRelay();
    if (relay) {
      // The writer may be anywhere; its relay starts with the text written so far, then streams.
      unsubscribe = await followRelay(relay, job.id, onLive);
    } else {
      unsubscribe = subscribe(job.id, onLive);
      // Words streamed in this isolate since the last checkpoint: a late watcher gets them at once.
      for (const [chapterId, text] of liveText(job.id)) {
        if (text.length > (sent.get(chapterId) ?? 0)) {
          sent.set(chapterId, text.length);
          lastToken = Date.now();
          send({ type: "sync", chapterId, content: text });
        }
      }
    }

    if (!FINISHED.has(job.status)) await pause(POLL_MS, out.signal);
    while (out.open) {
      try {
        const latest = await selectJob(db, job.id);
        if (!latest || !out.open) return;
        if (Date.now() - lastToken > 2 * POLL_MS) {
          // No live tokens here: the writer may run in another isolate. Send what it saved.
          for (const c of await selectChapters(db, job.bookId!)) {
            if (c.content.length > (sent.get(c.id) ?? 0) || (c.status !== "writing" && c.content.length !== sent.get(c.id))) {
              sent.set(c.id, c.content.length);
              send({ type: "sync", chapterId: c.id, content: c.content });
              send({ type: "chapter", chapterId: c.id, status: c.status, wordCount: c.wordCount });
            }
          }
        }
        if (FINISHED.has(latest.status)) {
          send({ type: "end", job: view(latest) });
          return;
        }
        send({ type: "job", job: view(latest) });
        const now = Date.now();
        const orphaned =
          (latest.status === "running" && latest.heartbeatAt && now - latest.heartbeatAt.getTime() > jobTimings().staleMs) ||
          (latest.status === "queued" && now - latest.createdAt.getTime() > jobTimings().queuedMs);
        if (orphaned) await dispatchJob(latest.id);
        if (Date.now() - openedAt > STREAM_MAX_MS) return;
      } catch (err) {
        if (out.open) console.error(`[quire] job stream ${job.id} poll failed`, err);
      }
      await pause(POLL_MS, out.signal);
    }
  } finally {
    unsubscribe();
  }
}
