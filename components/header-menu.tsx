"use client";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * The header's menu on narrow screens: a disclosure that closes itself when a link in it is
 * followed (the page changes under it) or when a click lands outside it.
 */
export function HeaderMenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    ref.current?.removeAttribute("open");
  }, [pathname]);
  useEffect(() => {
    const close = (e: PointerEvent) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.removeAttribute("open");
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, []);
  return (
    <details ref={ref} className="relative md:hidden" data-testid="header-menu">
      <summary className="flex h-9 cursor-pointer list-none items-center gap-1 rounded-md border border-border px-3 text-sm [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M2 4h12M2 8h12M2 12h12" />
        </svg>
        Menu
      </summary>
      <div className="absolute right-0 z-40 mt-2 grid w-60 gap-1 rounded-lg border border-border bg-card p-2 shadow-lg">{children}</div>
    </details>
  );
}
