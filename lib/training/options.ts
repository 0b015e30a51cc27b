import { z } from "zod";

/** What a training export can hold; each is one chat example per kept piece of work. */
export const TRAINING_TASKS = ["outline", "chapter", "suggestion"] as const;
export type TrainingTask = (typeof TRAINING_TASKS)[number];

export type ExportOptions = {
  tasks: TrainingTask[];
  /** Inclusive bounds on when the kept text was last changed (epoch ms). */
  from?: number;
  to?: number;
  /** Only work that passed Quire's cheap quality checks (see docs/model-ops.md). */
  minQuality: boolean;
  /** Context window the chapter prompts are budgeted for, as the chapter route's first target has it. */
  contextWindow: number;
};

/** Raised for options a person typed wrong; the message names the option. */
export class TrainingOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TrainingOptionsError";
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** `2026-01-01` (a whole day, UTC) or a full ISO timestamp. */
const when = (bound: "from" | "to") =>
  z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) || !Number.isNaN(Date.parse(s)), { message: "must be a date (2026-01-31) or an ISO timestamp" })
    .transform((s) => {
      const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
      // A bare date as the upper bound means "up to the end of that day".
      return bound === "to" && /^\d{4}-\d{2}-\d{2}$/.test(s) ? t + DAY_MS - 1 : t;
    });

export const exportOptionsSchema = z
  .object({
    task: z.enum(TRAINING_TASKS, { errorMap: () => ({ message: `must be one of ${TRAINING_TASKS.join(", ")}` }) }).optional(),
    from: when("from").optional(),
    to: when("to").optional(),
    minQuality: z.boolean().default(false),
    contextWindow: z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number").min(1024, "must be at least 1024 tokens"),
  })
  .strict()
  .refine((o) => o.from === undefined || o.to === undefined || o.from <= o.to, { message: "--from must not be after --to", path: ["from"] })
  .transform(
    (o): ExportOptions => ({
      tasks: o.task ? [o.task] : [...TRAINING_TASKS],
      from: o.from,
      to: o.to,
      minQuality: o.minQuality,
      contextWindow: o.contextWindow,
    }),
  );

export function parseExportOptions(input: unknown): ExportOptions {
  const parsed = exportOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.length > 0 ? `--${String(issue.path[0]).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}` : "options";
    throw new TrainingOptionsError(`${name}: ${issue.message}`);
  }
  return parsed.data;
}

export function withinRange(at: number, options: Pick<ExportOptions, "from" | "to">): boolean {
  return (options.from === undefined || at >= options.from) && (options.to === undefined || at <= options.to);
}
