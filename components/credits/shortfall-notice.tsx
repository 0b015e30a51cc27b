import { ErrorBanner } from "@/components/ui/error-banner";

type ActionError = { code: string; message: string; details?: Record<string, unknown> } | null | undefined;

/**
 * For any `insufficient_credits:*` error: says how many credits are needed and how many there are
 * (the error's details), so nobody has to guess. Other errors render nothing here.
 */
export function ShortfallNotice({ error }: { error: ActionError }) {
  if (!error?.code.startsWith("insufficient_credits:")) return null;
  const needed = Number(error.details?.needed ?? NaN);
  const balance = Number(error.details?.balance ?? NaN);
  if (Number.isNaN(needed) || Number.isNaN(balance)) return <ErrorBanner error={error} />;
  return (
    <div role="alert" data-error-code={error.code} className="rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive">
      Not enough credits: this needs <strong data-testid="credits-needed">{needed.toLocaleString("en")}</strong>, and the balance is{" "}
      <strong data-testid="credits-balance">{balance.toLocaleString("en")}</strong>. Nothing was started.{" "}
      <a href="/credits" className="underline">
        Get more credits
      </a>
    </div>
  );
}
