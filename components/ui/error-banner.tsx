export type ShownError = { code: string; message: string; details?: Record<string, unknown> };

/**
 * The error code, for support: out of the way in a closed "Details" disclosure, never inline in the
 * sentence a writer reads. `data-error-code` on the alert stays for tests and support tools.
 */
export function ErrorDetails({ code }: { code: string }) {
  return (
    <details className="mt-1 text-xs opacity-80">
      <summary className="cursor-pointer select-none">Details</summary>
      <span className="font-mono">Error code: {code}</span>
    </details>
  );
}

/** Shows an action's error in plain words that say what to do; `message` replaces the server's words when a component knows better. */
export function ErrorBanner({ error, message }: { error?: ShownError | null; message?: string }) {
  if (!error) return null;
  // A rate-limited request says when to try again (rate_limit:* errors carry retryAfterSeconds).
  const retryAfter = Number(error.details?.retryAfterSeconds);
  return (
    <div role="alert" data-error-code={error.code} className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      <p>
        {message ?? error.message}
        {retryAfter > 0 && ` Try again in ${Math.ceil(retryAfter)} second${Math.ceil(retryAfter) === 1 ? "" : "s"}.`}
      </p>
      <ErrorDetails code={error.code} />
    </div>
  );
}
