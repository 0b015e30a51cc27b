"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import Link from "next/link";
import { CREDITS_CHANGED } from "@/lib/credits/changed-event";

/** While the tab is visible, how often the badge checks for spends made elsewhere (the API, another tab). */
const POLL_MS = 30_000;

/**
 * The header's balance, live: it starts from the server's figure and refetches GET /api/credits/balance
 * when this page announces a spend (`quire:credits-changed`), when the tab regains focus, and every
 * 30 s while the tab is visible (covers spends made through the API or in another tab).
 */
export function CreditBadge({ initial }: { initial: number }) {
  const [balance, setBalance] = useState(initial);
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => setBalance(initial), [initial]);

  const refresh = useCallback(async () => {
    inFlight.current?.abort();
    const ctrl = new AbortController();
    inFlight.current = ctrl;
    try {
      const res = await fetch("/api/credits/balance", { cache: "no-store", signal: ctrl.signal });
      if (!res.ok) return;
      const body = (await res.json()) as { balance?: unknown };
      if (typeof body.balance === "number") setBalance(body.balance);
    } catch {
      // Offline or aborted: keep the last figure; the next event or tick tries again.
    }
  }, []);

  useEffect(() => {
    const onChanged = () => void refresh();
    const onVisible = () => {
      if (document.visibilityState === "visible") void refresh();
    };
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, POLL_MS);
    window.addEventListener(CREDITS_CHANGED, onChanged);
    window.addEventListener("focus", onChanged);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(CREDITS_CHANGED, onChanged);
      window.removeEventListener("focus", onChanged);
      document.removeEventListener("visibilitychange", onVisible);
      inFlight.current?.abort();
    };
  }, [refresh]);

  const label = balance.toLocaleString("en");
  return (
    <Link href="/credits" className="text-sm hover:underline" title="Your credits" aria-label={`${label} credits`}>
      <span className="rounded bg-muted px-1.5 py-0.5 text-xs tabular-nums" data-testid="header-balance">
        {label}
      </span>
      <span className="ml-1 hidden text-xs text-muted-foreground sm:inline">credits</span>
    </Link>
  );
}
