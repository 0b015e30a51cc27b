import { z } from "zod";
import { EvalOptionsError } from "./errors";
import { EVAL_TASKS, type EvalTask } from "./suite";

export type EvalCliOptions = { targets: string[] | null; tasks: EvalTask[]; suite: string; out: string };

const list = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .refine((xs) => xs.length > 0, { message: "must name at least one" });

export const evalOptionsSchema = z
  .object({
    targets: list.refine((xs) => new Set(xs).size === xs.length, { message: "names a target twice" }).optional(),
    tasks: list
      .refine((xs) => xs.every((x) => (EVAL_TASKS as readonly string[]).includes(x)), { message: `must be a comma list of ${EVAL_TASKS.join(", ")}` })
      .optional(),
    suite: z.string().min(1).default("eval/suite"),
    out: z.string().min(1).default("eval/reports"),
  })
  .strict()
  .transform((o): EvalCliOptions => ({ targets: o.targets ?? null, tasks: (o.tasks as EvalTask[] | undefined) ?? [...EVAL_TASKS], suite: o.suite, out: o.out }));

export function parseEvalOptions(input: unknown): EvalCliOptions {
  const parsed = evalOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EvalOptionsError(`${issue.path.length > 0 ? `--${String(issue.path[0])}` : "options"}: ${issue.message}`);
  }
  return parsed.data;
}
