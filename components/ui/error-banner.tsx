/** Shows an action's error with its code, which support and tests can rely on. */
export function ErrorBanner({ error }: { error?: { code: string; message: string } | null }) {
  if (!error) return null;
  return (
    <div role="alert" data-error-code={error.code} className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      {error.message} <span className="font-mono text-xs opacity-70">({error.code})</span>
    </div>
  );
}
