/** Shows an action's error with its code, which support and tests can rely on. */
export function ErrorBanner({ error }: { error?: { code: string; message: string; details?: Record<string, unknown> } | null }) {
  if (!error) return null;
  // A rate-limited request says when to try again (rate_limit:* errors carry retryAfterSeconds).
  const retryAfter = Number(error.details?.retryAfterSeconds);
  return (
    <div role="alert" data-error-code={error.code} className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      {error.message}
      {retryAfter > 0 && ` Try again in ${Math.ceil(retryAfter)} second${Math.ceil(retryAfter) === 1 ? "" : "s"}.`}{" "}
      <span className="font-mono text-xs opacity-70">({error.code})</span>
    </div>
  );
}
