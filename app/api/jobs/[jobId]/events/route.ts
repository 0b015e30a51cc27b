import { getDb } from "@/db/request-db";
import { selectChapters } from "@/db/queries/chapters";
import { selectJob, type Job } from "@/db/queries/jobs";
import { currentUser } from "@/lib/auth/session";
import { AppError, errorResponse } from "@/lib/errors";
import { dispatchJob, jobTimings } from "@/lib/jobs/dispatch";
import { sse, type ChapterView, type JobEvent, type JobView } from "@/lib/jobs/events";
import { awaitOwnedJob, PENDING_JOB_WAIT_MS } from "@/lib/jobs/await-job";
import { jobIdSchema } from "@/lib/jobs/job-id";
import { liveText, subscribe, type LiveEvent } from "@/lib/jobs/live";
import { followRelay, jobRelay } from "@/lib/jobs/relay";

const POLL_MS = 1_000;
/**
 * A stream's longest life. Workers give a route no signal when the watcher goes away (the tab closed),
 * so without this a closed tab's stream would poll until its job ended, for hours on a long book. The
 * browser reconnects at once (the `retry` below) and gets the saved text first, so a watcher only
 * sees the stream renewed.
 */
const STREAM_MAX_MS = 5 * 60_000;
const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

function view(job: Job): JobView {
  return { id: job.id, kind: job.kind, status: job.status, progressDone: job.progressDone, progressTotal: job.progressTotal, errorCode: job.errorCode, chapterId: job.chapterId };
}

/**
 * Follows a job: first the saved text of the book's chapters (so a reconnect shows everything
 * written so far), then live tokens from the writer (through the job's relay, wherever the writer
 * runs; without a relay, from this isolate), and every second the job's state and any text saved
 * that did not come live. A job whose runner died is handed to a new one.
 */
export async function GET(request: Request, { params }: { params: Promise<{ jobId: string }> }): Promise<Response> {
  try {
    const { jobId } = await params;
    const user = await currentUser();
    if (!user) throw new AppError("unauthorized:auth");
    if (!jobIdSchema.safeParse(jobId).success) throw new AppError("not_found:job");
    const db = getDb();
    // `?pending=1`: the page named this job and is starting it right now; wait for it to exist.
    const pending = new URL(request.url).searchParams.get("pending") === "1";
    const job = await awaitOwnedJob(db, user.id, jobId, { waitMs: pending ? PENDING_JOB_WAIT_MS : 0, signal: request.signal });
    if (!job) throw new AppError("not_found:job");

    const encoder = new TextEncoder();
    const sent = new Map<string, number>(); // characters of each chapter the client has
    let lastToken = 0;
    let closed = false;
    let unsubscribe = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;

    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (event: JobEvent) => {
          if (closed) return;
          try {
            controller.enqueue(encoder.encode(sse(event)));
          } catch {
            // The watcher went away between two events: stop following.
            closed = true;
            unsubscribe();
            if (timer) clearTimeout(timer);
          }
        };
        const close = () => {
          if (closed) return;
          closed = true;
          unsubscribe();
          if (timer) clearTimeout(timer);
          controller.close();
        };
        request.signal.addEventListener("abort", close);

        controller.enqueue(encoder.encode("retry: 1000\n\n"));
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
          }
        };
        const relay = FINISHED.has(job.status) ? null : jobRelay();
        if (relay) {
          // The writer may be anywhere; its relay starts with the text written so far, then streams.
          unsubscribe = await followRelay(relay, job.id, onLive);
          if (closed) unsubscribe();
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

        const poll = async () => {
          if (closed) return;
          try {
            const latest = await selectJob(db, job.id);
            if (!latest) return close();
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
              return close();
            }
            send({ type: "job", job: view(latest) });
            const now = Date.now();
            const orphaned =
              (latest.status === "running" && latest.heartbeatAt && now - latest.heartbeatAt.getTime() > jobTimings().staleMs) ||
              (latest.status === "queued" && now - latest.createdAt.getTime() > jobTimings().queuedMs);
            if (orphaned) await dispatchJob(latest.id);
            if (Date.now() - openedAt > STREAM_MAX_MS) return close();
          } catch (err) {
            console.error(`[quire] job stream ${job.id} poll failed`, err);
          }
          timer = setTimeout(() => void poll(), POLL_MS);
        };
        timer = setTimeout(() => void poll(), FINISHED.has(job.status) ? 0 : POLL_MS);
      },
      cancel() {
        closed = true;
        unsubscribe();
        if (timer) clearTimeout(timer);
      },
    });
    return new Response(stream, {
      headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", connection: "keep-alive" },
    });
  } catch (err) {
    return errorResponse(err, "job");
  }
}
