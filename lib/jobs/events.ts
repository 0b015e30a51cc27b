/** The typed events of a job's SSE stream (each named by its type); one reducer on the client applies them. */
export type JobEvent =
  | { type: "snapshot"; job: JobView; chapters: ChapterView[] }
  | { type: "token"; chapterId: string; text: string }
  | { type: "sync"; chapterId: string; content: string }
  | { type: "chapter"; chapterId: string; status: string; wordCount: number }
  | { type: "job"; job: JobView }
  | { type: "end"; job: JobView };

export type JobView = {
  id: string;
  kind: string;
  status: string;
  progressDone: number;
  progressTotal: number;
  errorCode: string | null;
  /** What the author is told when the run failed (lib/llm-errors). */
  errorMessage: string | null;
  chapterId: string | null;
};

export type ChapterView = { id: string; status: string; content: string; wordCount: number };
