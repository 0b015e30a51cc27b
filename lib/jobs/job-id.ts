import { z } from "zod";
import { newId } from "@/db/ids";

/** Any job id, as routes and actions accept it. */
export const jobIdSchema = z.string().regex(/^job_[a-z0-9]{8,40}$/, "not a job id");

/**
 * A job id chosen by the browser before it starts the job: exactly what newId makes (96 random
 * bits), so nobody can aim at another person's id. Naming the job first lets the page open the
 * job's live stream while the start request is still under way, and makes a repeated start with the
 * same id return the same job instead of a second one.
 */
export const newJobIdSchema = z.string().regex(/^job_[a-z0-9]{24}$/, "not a new job id");

export function newJobId(): string {
  return newId("job");
}
