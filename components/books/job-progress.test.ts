import { describe, expect, it } from "vitest";
import type { JobView } from "@/lib/jobs/events";
import { jobProgress } from "./job-progress";

const job = (over: Partial<JobView> = {}): JobView => ({ id: "job_1", kind: "write-all", status: "queued", progressDone: 0, progressTotal: 3, errorCode: null, errorMessage: null, chapterId: null, ...over });
const chapters = (...statuses: string[]) => statuses.map((status, i) => ({ id: `ch_${i}`, status }));

describe("the book's job counter", () => {
  it("says running, and which chapter, as soon as the first chapter streams, even before the job's own event", () => {
    expect(jobProgress(job(), chapters("writing", "planned", "planned"))).toEqual({ status: "running", done: 0, total: 3, writing: 1 });
  });

  it("counts a chapter the moment it is written, not when the job's record catches up", () => {
    expect(jobProgress(job({ status: "running", progressDone: 0 }), chapters("written", "writing", "planned"))).toEqual({ status: "running", done: 1, total: 3, writing: 2 });
    expect(jobProgress(job({ status: "succeeded", progressDone: 3 }), chapters("written", "written", "written"))).toMatchObject({ status: "succeeded", done: 3 });
  });

  it("counts chapters written before the run began, as the runner does", () => {
    expect(jobProgress(job({ status: "running" }), chapters("written", "planned", "writing"))).toMatchObject({ done: 1, writing: 3 });
  });

  it("keeps a stopped job's status", () => {
    expect(jobProgress(job({ status: "cancelled", progressDone: 1 }), chapters("written", "failed", "planned"))).toEqual({ status: "cancelled", done: 1, total: 3, writing: null });
  });
});
