"use client";
import { useEffect, useState } from "react";

type ActionError = { code: string; message: string; details?: Record<string, unknown> } | null | undefined;

/** For any `rate_limit:*` error: counts down to when the user may try again. */
export function RateLimitNotice({ error }: { error: ActionError }) {
  const seconds = error?.code.startsWith("rate_limit:") ? Number(error.details?.retryAfterSeconds ?? 60) : null;
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    if (seconds === null) return;
    const timer = setInterval(() => setLeft((s) => (s === null || s <= 1 ? 0 : s - 1)), 1000);
    return () => clearInterval(timer);
  }, [seconds, error]);
  if (seconds === null) return null;
  return (
    <div role="alert" data-error-code={error!.code} className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm">
      {left ? `Too many requests. You can try again in ${left} second${left === 1 ? "" : "s"}.` : "You can try again now."}
    </div>
  );
}
