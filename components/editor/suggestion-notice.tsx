import { ErrorDetails } from "@/components/ui/error-banner";

/** A refusal or failure in words a writer can act on; the code is kept under "Details" for support. */
export function suggestionErrorText(error: { code: string; message: string; details?: Record<string, unknown> }): string {
  const type = error.code.split(":")[0];
  if (type === "rate_limit") {
    const wait = Number(error.details?.retryAfterSeconds ?? 0);
    return `You have asked for many suggestions in a short time. Please wait${wait ? ` ${wait} seconds` : " a moment"} and try again.`;
  }
  if (type === "insufficient_credits") {
    const { needed, balance } = (error.details ?? {}) as { needed?: number; balance?: number };
    return needed !== undefined ? `This needs ${needed} credits and you have ${balance ?? 0}.` : error.message;
  }
  if (error.code === "unavailable:model") return "The writing model is unavailable right now, so no suggestion was made. Your text is unchanged; please try again in a moment.";
  if (error.code === "payload_too_large:suggestion") return "The selection is too long for the model. Select a shorter passage (a few paragraphs) and ask again.";
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
