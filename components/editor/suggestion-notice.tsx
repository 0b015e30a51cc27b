import { ErrorDetails } from "@/components/ui/error-banner";

/** A refusal or failure in words a writer can act on; the code is kept under "Details" for support. */
export function suggestionErrorText(error: { code: string; message: string; details?: Record<string, unknown> }): string {
  const type = error.code.split(":")[0];
  if (error.code === "rate_limit:suggestion") {
    const wait = Number(error.details?.retryAfterSeconds ?? 0);
    return `You have asked for many suggestions in a short time. Please wait${wait ? ` ${wait} seconds` : " a moment"} and try again.`;
  }
  if (type === "insufficient_credits") {
    const { needed, balance } = (error.details ?? {}) as { needed?: number; balance?: number };
    return needed !== undefined ? `This needs ${needed} credits and you have ${balance ?? 0}.` : error.message;
  }
  // The model's failures come with the server's one mapping (lib/llm-errors): it says whether to wait
  // or what to change, so it is shown as is.
  if (error.code.endsWith(":model")) return `No suggestion was made; your text is unchanged. ${error.message}`;
  return error.message;
}

export function SuggestionError({ error }: { error: { code: string; message: string; details?: Record<string, unknown> } }) {
  return (
    <div role="alert" data-error-code={error.code} className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      <p>{suggestionErrorText(error)}</p>
      <ErrorDetails code={error.code} />
    </div>
  );
}
