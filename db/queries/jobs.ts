import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { jobsTable, newId, type JobKind, type JobStatus } from "../schema";

export type Job = typeof jobsTable.$inferSelect;
export const ACTIVE: JobStatus[] = ["queued", "running"];

/**
 * Inserts a job in one conditional statement: refused when the book already has an active job, or
 * when the user already runs `maxActive` jobs. Two quick clicks cannot start two runs. With a
 * caller-chosen `id` (see lib/jobs/job-id.ts) a repeated start returns the job it already made.
 */
export async function insertJobIfIdle(
  db: Db,
  input: { id?: string; userId: string; kind: JobKind; bookId: string; chapterId?: string | null; progressTotal: number; input?: unknown; maxActive: number },
): Promise<{ job: Job; created: boolean } | "book_busy" | "user_busy" | "id_taken"> {
  const id = input.id ?? newId("job");
  const now = Date.now();
  const rows = await db.all<{ id: string }>(sql`
    INSERT INTO jobs (id, user_id, kind, book_id, chapter_id, status, progress_done, progress_total, attempt, credits_reserved, input, created_at, updated_at)
    SELECT ${id}, ${input.userId}, ${input.kind}, ${input.bookId}, ${input.chapterId ?? null}, 'queued', 0, ${input.progressTotal}, 0, 0, ${JSON.stringify(input.input ?? null)}, ${now}, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE id = ${id})
      AND NOT EXISTS (SELECT 1 FROM jobs WHERE book_id = ${input.bookId} AND status IN ('queued', 'running'))
      AND (SELECT count(*) FROM jobs WHERE user_id = ${input.userId} AND status IN ('queued', 'running')) < ${input.maxActive}
    RETURNING id`);
  if (rows.length === 1) return { job: (await selectJob(db, id))!, created: true };
  if (input.id) {
    const existing = await selectJob(db, input.id);
    if (existing) {
      const same = existing.userId === input.userId && existing.bookId === input.bookId && existing.kind === input.kind && existing.chapterId === (input.chapterId ?? null);
      return same ? { job: existing, created: false } : "id_taken";
    }
  }
  const [busy] = await db
    .select({ id: jobsTable.id })
    .from(jobsTable)
    .where(and(eq(jobsTable.bookId, input.bookId), inArray(jobsTable.status, ACTIVE)))
    .limit(1);
  return busy ? "book_busy" : "user_busy";
}

export async function selectJob(db: Db, jobId: string): Promise<Job | undefined> {
  const [job] = await db.select().from(jobsTable).where(eq(jobsTable.id, jobId)).limit(1);
  return job;
}

export async function selectOwnedJob(db: Db, userId: string, jobId: string): Promise<Job | undefined> {
  const [job] = await db.select().from(jobsTable).where(and(eq(jobsTable.id, jobId), eq(jobsTable.userId, userId))).limit(1);
  return job;
}

export async function selectLatestJobForBook(db: Db, bookId: string): Promise<Job | undefined> {
  const [job] = await db.select().from(jobsTable).where(eq(jobsTable.bookId, bookId)).orderBy(desc(jobsTable.createdAt)).limit(1);
  return job;
}

/**
 * Claims a job for this runner in one conditional write: a queued job, or a running one whose
 * heartbeat went stale (its runner died). The attempt number identifies the claim.
 */
export async function claimJob(db: Db, jobId: string, now: number, staleMs: number): Promise<Job | undefined> {
  const [job] = await db
    .update(jobsTable)
    .set({
      status: "running",
      attempt: sql`${jobsTable.attempt} + 1`,
      heartbeatAt: new Date(now),
      startedAt: sql`coalesce(${jobsTable.startedAt}, ${now})`,
      updatedAt: new Date(now),
    })
    .where(
      and(
        eq(jobsTable.id, jobId),
        or(eq(jobsTable.status, "queued"), and(eq(jobsTable.status, "running"), lt(jobsTable.heartbeatAt, new Date(now - staleMs)))),
      ),
    )
    .returning();
  return job;
}

/** Heartbeat and progress; false when the job was cancelled or claimed by another runner. */
export async function beatJob(db: Db, job: Pick<Job, "id" | "attempt">, now: number, progressDone?: number): Promise<boolean> {
  const rows = await db
    .update(jobsTable)
    .set({ heartbeatAt: new Date(now), updatedAt: new Date(now), ...(progressDone !== undefined ? { progressDone } : {}) })
    .where(and(eq(jobsTable.id, job.id), eq(jobsTable.status, "running"), eq(jobsTable.attempt, job.attempt)))
    .returning({ id: jobsTable.id });
  return rows.length === 1;
}

/**
 * Ends this runner's claim between two steps: the job stays running (so watchers see no gap), its
 * heartbeat is set to the epoch, so the next delivery's claim (or the sweep, if that delivery is
 * lost) takes it at once. False when the job was cancelled or claimed by another runner meanwhile.
 */
export async function releaseJob(db: Db, job: Pick<Job, "id" | "attempt">, progressDone: number): Promise<boolean> {
  const rows = await db
    .update(jobsTable)
    .set({ heartbeatAt: new Date(0), progressDone, updatedAt: new Date() })
    .where(and(eq(jobsTable.id, job.id), eq(jobsTable.status, "running"), eq(jobsTable.attempt, job.attempt)))
    .returning({ id: jobsTable.id });
  return rows.length === 1;
}

export async function finishJob(
  db: Db,
  job: Pick<Job, "id" | "attempt">,
  outcome: { status: "succeeded" | "failed"; errorCode?: string; errorMessage?: string; progressDone?: number },
): Promise<void> {
  await db
    .update(jobsTable)
    .set({
      status: outcome.status,
      errorCode: outcome.errorCode ?? null,
      errorMessage: outcome.errorMessage ?? null,
      finishedAt: new Date(),
      updatedAt: new Date(),
      ...(outcome.progressDone !== undefined ? { progressDone: outcome.progressDone } : {}),
    })
    .where(and(eq(jobsTable.id, job.id), eq(jobsTable.status, "running"), eq(jobsTable.attempt, job.attempt)));
}

export async function cancelOwnedJob(db: Db, userId: string, jobId: string): Promise<Job | undefined> {
  const [job] = await db
    .update(jobsTable)
    .set({ status: "cancelled", finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(jobsTable.id, jobId), eq(jobsTable.userId, userId), inArray(jobsTable.status, ACTIVE)))
    .returning();
  return job;
}

/** Jobs that need a runner: running with a stale heartbeat, or queued for longer than `queuedMs`. */
export function selectOrphanedJobs(db: Db, now: number, staleMs: number, queuedMs: number) {
  return db
    .select({ id: jobsTable.id })
    .from(jobsTable)
    .where(
      or(
        and(eq(jobsTable.status, "running"), lt(jobsTable.heartbeatAt, new Date(now - staleMs))),
        and(eq(jobsTable.status, "queued"), lt(jobsTable.createdAt, new Date(now - queuedMs))),
      ),
    )
    .limit(50);
}
